import { CatalogueEntry } from './schema.js';

export type CatalogueProblemKind =
  | 'invalid_entry'
  | 'duplicate_code'
  | 'missing_parent'
  | 'cycle'
  | 'invalid_limits'
  | 'parent_has_limits'
  | 'department_mismatch';

export interface CatalogueProblem {
  code: string;
  kind: CatalogueProblemKind;
  message: string;
}

/** Entries that no other entry names as its parent: the categories a case can take. */
export function leafEntries<T extends Pick<CatalogueEntry, 'code' | 'parentCode'>>(entries: readonly T[]): T[] {
  const parents = new Set(entries.map((entry) => entry.parentCode).filter((code) => code !== null));
  return entries.filter((entry) => !parents.has(entry.code));
}

/**
 * Checks a catalogue before it is saved or used: each entry well-formed, codes unique, parents
 * present, no cycles, leaves with positive limits (response within resolution), parents without
 * limits, and a department named exactly when a department handles the category.
 * Pure; returns every problem found, so an editor can show them all at once (empty = valid).
 */
export function validateCatalogue(entries: readonly CatalogueEntry[]): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const byCode = new Map<string, CatalogueEntry>();

  for (const entry of entries) {
    const parsed = CatalogueEntry.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ code: entry.code, kind: 'invalid_entry', message: `${issue.path.join('.') || 'entry'}: ${issue.message}` });
      }
    }
    if (byCode.has(entry.code)) problems.push({ code: entry.code, kind: 'duplicate_code', message: 'the code is used by more than one entry' });
    else byCode.set(entry.code, entry);
  }

  for (const entry of byCode.values()) {
    if (entry.parentCode !== null && !byCode.has(entry.parentCode)) {
      problems.push({ code: entry.code, kind: 'missing_parent', message: `parent ${entry.parentCode} does not exist` });
    }
  }

  problems.push(...findCycles(byCode));

  const leaves = new Set(leafEntries([...byCode.values()]).map((entry) => entry.code));
  for (const entry of byCode.values()) {
    if (leaves.has(entry.code)) {
      const { responseMinutes: response, resolutionMinutes: resolution } = entry;
      if (!(Number.isInteger(response) && response > 0 && Number.isInteger(resolution) && resolution > 0)) {
        problems.push({ code: entry.code, kind: 'invalid_limits', message: 'a leaf needs positive whole-minute response and resolution limits' });
      } else if (response > resolution) {
        problems.push({ code: entry.code, kind: 'invalid_limits', message: 'the response limit is longer than the resolution limit' });
      }
    } else if (entry.responseMinutes !== 0 || entry.resolutionMinutes !== 0) {
      problems.push({ code: entry.code, kind: 'parent_has_limits', message: 'a parent has no limits of its own; its leaves carry them' });
    }

    const hasDepartment = typeof entry.department === 'string' && entry.department.trim() !== '';
    if (entry.handlerKind === 'department' && !hasDepartment) {
      problems.push({ code: entry.code, kind: 'department_mismatch', message: 'a department-handled category must name the department' });
    } else if (entry.handlerKind !== 'department' && entry.department !== undefined) {
      problems.push({ code: entry.code, kind: 'department_mismatch', message: `a category handled by ${entry.handlerKind} names no department` });
    }
  }
  return problems;
}

/** One problem per cycle, reported on the smallest code in it so the report is stable. */
function findCycles(byCode: ReadonlyMap<string, CatalogueEntry>): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const settled = new Set<string>();
  for (const start of byCode.keys()) {
    const onPath: string[] = [];
    let code: string | null = start;
    while (code !== null && !settled.has(code) && byCode.has(code)) {
      const seenAt = onPath.indexOf(code);
      if (seenAt >= 0) {
        const cycle = onPath.slice(seenAt);
        const first = [...cycle].sort()[0] ?? code;
        problems.push({ code: first, kind: 'cycle', message: `parents form a cycle: ${cycle.join(' → ')} → ${code}` });
        break;
      }
      onPath.push(code);
      code = byCode.get(code)?.parentCode ?? null;
    }
    for (const visited of onPath) settled.add(visited);
  }
  return problems;
}
