import { appendAudit } from '../../platform/audit/audit.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import type { CatalogueEntry } from './catalogue/schema.js';
import { DEFAULT_SERVICE_ATTRIBUTES } from './service-attributes.js';

/**
 * Writes a catalogue into case_category, parents before children; existing codes are updated in
 * place (their ids, which cases refer to, stay). Returns how many rows were written.
 */
export async function installCatalogue(db: Executor, entries: readonly CatalogueEntry[], actor = { id: null as number | null, name: 'system' }): Promise<number> {
  return inTransaction(db, async (tx) => {
    const ids = new Map<string, number>();
    const pending = [...entries];
    let order = 0;
    while (pending.length) {
      const ready = pending.filter((e) => e.parentCode === null || ids.has(e.parentCode));
      if (ready.length === 0) throw new Error(`catalogue has entries whose parent is missing: ${pending.map((e) => e.code).join(', ')}`);
      for (const e of ready) {
        pending.splice(pending.indexOf(e), 1);
        const isLeaf = e.responseMinutes > 0;
        const values = {
          parent_id: e.parentCode ? ids.get(e.parentCode)! : null,
          code: e.code,
          name_zh: e.nameZh,
          name_en: e.nameEn,
          handler_kind: e.handlerKind,
          department: e.handlerKind === 'department' ? (e.department ?? null) : null,
          priority: e.priority,
          response_minutes: isLeaf ? e.responseMinutes : null,
          resolution_minutes: isLeaf ? e.resolutionMinutes : null,
          keywords: e.keywords,
          attributes: JSON.stringify(DEFAULT_SERVICE_ATTRIBUTES[e.code] ?? []),
          sort_order: (order += 10),
        };
        const row = await tx
          .insertInto('case_category')
          .values(values)
          .onConflict((oc) => oc.column('code').doUpdateSet({ ...values, updated_at: new Date() }))
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.set(e.code, row.id);
      }
    }
    await appendAudit(tx, { actor, action: 'catalogue.installed', targetType: 'case_category', summary: { entries: entries.length } });
    return entries.length;
  });
}
