import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts a failed submission's VALIDATION_FAILED details on the matching form fields (the typed
 * values stay). Returns the message of anything that matched no field, for a general notice.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  fieldNames: readonly string[],
): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const unmatched: string[] = [];
  const byField = new Map<string, string[]>();
  for (const issue of error.fieldIssues) {
    // Paths may come as "newPassword", "body.newPassword" or "/newPassword": any segment naming a field.
    const name = issue.path.split(/[./]/).filter(Boolean).find((part) => fieldNames.includes(part));
    if (name) byField.set(name, [...(byField.get(name) ?? []), issue.message]);
    else unmatched.push(issue.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  if (byField.size === 0) return error.message;
  return unmatched.length > 0 ? unmatched.join('; ') : null;
}
