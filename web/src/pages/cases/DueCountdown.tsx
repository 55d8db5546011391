import ClockCircleOutlined from '@ant-design/icons/ClockCircleOutlined';
import ExclamationCircleOutlined from '@ant-design/icons/ExclamationCircleOutlined';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../api/cases';
import { useFormatters } from '../../i18n/format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Under this share of its time limit left, a deadline shows amber. */
const SOON_SHARE = 0.2;

/** A span of time in its two largest units, e.g. "2天3小时" / "2 d 3 h". */
export function formatDuration(ms: number, t: TFunction, language: string): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return t('due.lessThanMinute');
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const parts: string[] = [];
  if (days) parts.push(t('due.days', { count: days }));
  if (hours && parts.length < 2) parts.push(t('due.hours', { count: hours }));
  if (minutes && !days && parts.length < 2) parts.push(t('due.minutes', { count: minutes }));
  return parts.join(language === 'en' ? ' ' : '');
}

export interface Deadline {
  kind: 'response' | 'resolution';
  startsAt: string;
  dueAt: string;
}

const WAITING_FOR_STAFF: readonly CaseView['status'][] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'reopened'];

/**
 * The deadline a case is working against: resolution once dispatched, else the response limit
 * while nobody has answered the resident; none once replied or finished.
 */
export function caseDeadline(c: CaseView): Deadline | null {
  if (!WAITING_FOR_STAFF.includes(c.status)) return null;
  if (c.dueAt) return { kind: 'resolution', startsAt: c.dispatchedAt ?? c.receivedAt, dueAt: c.dueAt };
  if (!c.respondedAt) return { kind: 'response', startsAt: c.receivedAt, dueAt: c.dueResponseAt };
  return null;
}

interface Props {
  deadline: Deadline | null;
  now: number;
  /** The server's overdue flag: a case can be overdue on an earlier limit. */
  overdue?: boolean;
  /** Say which limit it is (响应 / 办结). */
  showKind?: boolean;
}

/** Time left (amber under 20 % of the limit) or overdue (red), in words as well as colour. */
export function DueCountdown({ deadline, now, overdue = false, showKind = false }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  if (!deadline) return <span className="due due--muted">{t('due.none')}</span>;

  const due = Date.parse(deadline.dueAt);
  const total = due - Date.parse(deadline.startsAt);
  const left = due - now;
  const late = left < 0 || overdue;
  const soon = !late && total > 0 && left / total < SOON_SHARE;
  const time = formatDuration(left, t, i18n.language);
  const text = late && left < 0 ? t('due.overdue', { time }) : late ? t('caseEnums.action.overdue') : t('due.left', { time });
  const className = late ? 'due due--overdue' : soon ? 'due due--soon' : 'due';
  const Icon = late || soon ? ExclamationCircleOutlined : ClockCircleOutlined;

  return (
    <span className={className} title={t('due.until', { time: format.dateTime(deadline.dueAt) })}>
      <Icon aria-hidden />
      {showKind && <span>{t(`due.${deadline.kind}`)}</span>}
      <span>{text}</span>
    </span>
  );
}
