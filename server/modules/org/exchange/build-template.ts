import type { Caller } from '../../../platform/context.js';
import type { ImportKind } from '../../../platform/db/schema.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { listTags, type TagRow } from './repository.js';
import type { SheetValues } from './workbook-writer.js';

/** A workbook to write: the template (no rows) or an export, in the same layout. */
export interface WorkbookFile {
  kind: ImportKind;
  fileName: string;
  asciiFileName: string;
  /** Active tag names offered in the tag drop-down and listed on the 说明 sheet. */
  tagNames: string[];
  rows: SheetValues[];
}

export function activeTagNames(tags: TagRow[], kind: ImportKind): string[] {
  const appliesTo = kind === 'households' ? 'household' : 'resident';
  return tags.filter((t) => t.active && (t.appliesTo === appliesTo || t.appliesTo === 'both')).map((t) => t.nameZh);
}

/** The blank import template for households or residents. */
export async function buildTemplate(db: Executor, options: Caller & { kind: ImportKind }): Promise<WorkbookFile> {
  scopeFor(options.actor, 'archive.import');
  const tags = await listTags(db);
  return {
    kind: options.kind,
    fileName: options.kind === 'households' ? '住户导入模板.xlsx' : '居民导入模板.xlsx',
    asciiFileName: `${options.kind}-template.xlsx`,
    tagNames: activeTagNames(tags, options.kind),
    rows: [],
  };
}
