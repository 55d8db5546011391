import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { ImportKind } from '../../../platform/db/schema.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor, type Scope } from '../../../platform/permissions/scope.js';
import { getNodeInScope } from '../repository.js';
import { searchHouseholds } from '../households/repository.js';
import { activeTagNames, type WorkbookFile } from './build-template.js';
import { GENDER_LABELS, HOUSING_LABELS, POLITICAL_LABELS, RELATIONSHIP_LABELS } from './columns.js';
import { householdExportDetails, listTags, membersForExport } from './repository.js';
import { tagNames } from './row-reader.js';
import type { SheetValues } from './workbook-writer.js';

/** Beyond this an export is refused; narrow it by node or tags. */
export const MAX_EXPORT_ROWS = 200_000;

/** The filters of GET /api/households, without paging. */
export interface ExportFilter {
  q?: string | undefined;
  tags?: string[] | undefined;
  phoneHash?: string | undefined;
  nodeId?: number | undefined;
}

/** The street of a scope held within one street ('/district/street/…'), for the audit chain. */
function streetOfScope(scope: Scope): number | null {
  const streets = new Set(scope.paths.map((p) => p.split('/').filter(Boolean)[1] ?? null));
  const [only] = streets;
  return streets.size === 1 && only ? Number(only) : null;
}

function tooLarge(rows: number): AppError {
  return new AppError('EXPORT_TOO_LARGE', { rows, maxRows: MAX_EXPORT_ROWS });
}

/**
 * Households (or their current members) matching the filters, limited to the caller's scope in
 * SQL, in the import layout; identity numbers and phones are the stored masks, never decrypted.
 * The export itself is audited with its filters and row count.
 */
export async function exportArchive(db: Executor, options: Caller & { kind: ImportKind; filter: ExportFilter }): Promise<WorkbookFile> {
  const scope = scopeFor(options.actor, 'archive.export');
  const { filter, kind } = options;
  const path = filter.nodeId ? (await getNodeInScope(db, scope, filter.nodeId)).path : undefined;
  const found = await searchHouseholds(db, scope, { q: filter.q, tags: filter.tags, phoneHash: filter.phoneHash, path, page: 1, pageSize: MAX_EXPORT_ROWS });
  if (found.total > MAX_EXPORT_ROWS) throw tooLarge(found.total);
  const ids = found.items.map((h) => h.id);
  const [tags, details] = await Promise.all([listTags(db), householdExportDetails(db, ids)]);
  const names = tagNames(tags);
  const detailOf = new Map(details.map((d) => [d.id, d]));
  const location = (h: (typeof found.items)[number]) => ({ buildingCode: detailOf.get(h.id)?.buildingCode ?? '', unit: h.unit, room: h.room });

  let rows: SheetValues[];
  if (kind === 'households') {
    rows = found.items.map((h) => ({
      ...location(h),
      housing: HOUSING_LABELS[h.housing],
      areaM2: h.areaM2 === null ? null : Number(h.areaM2),
      tags: names(h.tags),
      notes: detailOf.get(h.id)?.notes ?? null,
    }));
  } else {
    const members = await membersForExport(db, ids);
    const byHousehold = new Map<number, typeof members>();
    for (const m of members) {
      const list = byHousehold.get(m.householdId);
      if (list) list.push(m);
      else byHousehold.set(m.householdId, [m]);
    }
    rows = found.items.flatMap((h) =>
      (byHousehold.get(h.id) ?? []).map((m) => ({
        ...location(h),
        name: m.name,
        relationship: RELATIONSHIP_LABELS[m.relationship],
        gender: GENDER_LABELS[m.gender],
        birthDate: m.birthDate,
        idNumber: m.idNumberMask,
        phone: m.phoneMask,
        politicalStatus: POLITICAL_LABELS[m.politicalStatus],
        tags: names(m.tags),
      })),
    );
    if (rows.length > MAX_EXPORT_ROWS) throw tooLarge(rows.length);
  }

  await inTransaction(db, (tx) =>
    appendAudit(tx, {
      actor: auditActor(options),
      action: 'archive.exported',
      targetType: kind === 'households' ? 'household' : 'resident',
      summary: {
        kind,
        filters: { q: filter.q ?? null, tags: filter.tags ?? [], nodeId: filter.nodeId ?? null, byPhone: filter.phoneHash !== undefined },
        rowCount: rows.length,
      },
      requestId: options.requestId,
      streetId: streetOfScope(scope),
    }),
  );
  const date = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return {
    kind,
    fileName: `${kind === 'households' ? '住户' : '居民'}导出-${date}.xlsx`,
    asciiFileName: `${kind}-${date}.xlsx`,
    tagNames: activeTagNames(tags, kind),
    rows,
  };
}
