import { CASE_ACTIONS } from '../../api/cases';
import type { TimelineEntry } from '../../api/portal';
import { useFormatters } from '../../i18n/format';
import { usePortalT, type PortalKey } from './usePortalT';

// The workflow's actions, and what a resident's timeline shows besides them.
const KNOWN_EVENTS = new Set<string>(['submit', ...CASE_ACTIONS, 'attach', 'fix_on_spot']);

/** What happened to the case, oldest first: when, who, what, and any words for the resident. */
export function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = usePortalT();
  const format = useFormatters();
  if (entries.length === 0) return <p>{t('detail.timelineEmpty')}</p>;
  return (
    <ol className="portal-timeline" data-testid="timeline">
      {entries.map((entry) => {
        const what = `events.${KNOWN_EVENTS.has(entry.action) ? entry.action : 'other'}` as PortalKey;
        return (
          <li key={entry.id} data-action={entry.action}>
            <time className="portal-timeline-when" dateTime={entry.at}>
              {format.dateTime(entry.at)}
            </time>
            <span className="portal-timeline-what">
              {entry.actorName} {t(what)}
            </span>
            {entry.note && <p className="portal-timeline-note">{entry.note}</p>}
          </li>
        );
      })}
    </ol>
  );
}
