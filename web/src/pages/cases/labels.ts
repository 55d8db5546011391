import { CASE_ACTIONS } from '../../api/cases';

/** Narrows a value from the server (an action name, an error code) to one the UI has words for. */
export function isOneOf<T extends string>(known: readonly T[], value: string | null | undefined): value is T {
  return value !== null && value !== undefined && (known as readonly string[]).includes(value);
}

/** Timeline actions the UI names; others are shown as the server wrote them. */
export const TIMELINE_ACTIONS = [
  'submit',
  ...CASE_ACTIONS,
  'attach',
  'escalate',
  'remind',
  'overdue',
  'fix_on_spot',
  'whistle',
  'whistle_checkin',
  'whistle_close',
] as const;
