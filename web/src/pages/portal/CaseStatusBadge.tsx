import type { CaseStatus } from '../../api/portal';
import { usePortalT } from './usePortalT';

type Tone = 'progress' | 'action' | 'done' | 'ended';

/** Blue while the work goes on, orange when the resident is asked to act, green when done. */
const TONES: Record<CaseStatus, Tone> = {
  submitted: 'progress',
  accepted: 'progress',
  dispatched: 'progress',
  in_progress: 'progress',
  replied: 'action',
  reopened: 'action',
  closed: 'done',
  merged: 'ended',
  withdrawn: 'ended',
};

export function needsResident(status: CaseStatus): boolean {
  return status === 'replied';
}

/** A case's status in plain words and a colour (the words carry the meaning; the colour helps). */
export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { t } = usePortalT();
  return (
    <span className={`portal-status portal-status--${TONES[status]}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
