import type { Transaction } from 'kysely';
import { appendAudit, type AuditEntry } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { DB } from '../../../platform/db/schema.js';
import type { HouseholdRecord } from './household-sheet.js';
import type { ProgressSink } from './progress.js';
import {
  chunked,
  householdsInBuildings,
  insertHouseholds,
  updateHouseholds,
  type ExistingHousehold,
  type HouseholdChange,
  type NewHouseholdRow,
} from './repository.js';
import { sameSet } from './row-reader.js';
import { householdKey } from './sheet-context.js';

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

const WRITE_BATCH = 1000;
// appendAudit copies its per-chain list as it groups; moderate chunks keep that linear.
const AUDIT_BATCH = 500;

export async function appendAuditInBatches(tx: Transaction<DB>, entries: AuditEntry[]): Promise<void> {
  for (const batch of chunked(entries, AUDIT_BATCH)) await appendAudit(tx, batch);
}

function newHousehold(record: HouseholdRecord): NewHouseholdRow {
  const { building, unit, room } = record;
  // The tree is district/street/community/grid/building, as in createHousehold.
  const [, , communityId, gridId] = building.path.split('/').filter(Boolean).map(Number);
  return {
    building_id: building.id,
    grid_id: gridId!,
    community_id: communityId!,
    street_id: building.streetId!,
    org_path: building.path,
    unit,
    room,
    address: `${building.address ?? building.name}${unit}${room}`,
    housing: record.housing,
    area_m2: record.areaM2 ?? null,
    tags: record.tags ?? [],
    notes: record.notes ?? null,
  };
}

function changeOf(before: ExistingHousehold, record: HouseholdRecord): HouseholdChange | undefined {
  const after: HouseholdChange = {
    id: before.id,
    housing: record.housing,
    area_m2: record.areaM2 ?? before.area_m2,
    tags: record.tags ?? before.tags,
    notes: record.notes ?? before.notes,
  };
  const same =
    after.housing === before.housing && after.area_m2 === before.area_m2 && after.notes === before.notes && sameSet(after.tags, before.tags);
  return same ? undefined : after;
}

const view = (h: { housing: string; area_m2: string | null; tags: string[]; notes: string | null }) => ({
  housing: h.housing,
  areaM2: h.area_m2,
  tags: h.tags,
  notes: h.notes,
});

/**
 * Writes validated household rows inside the import transaction: inserts the new, updates the
 * changed (version + 1), leaves identical rows alone; one audit row per household written.
 */
export async function upsertHouseholds(
  tx: Transaction<DB>,
  records: HouseholdRecord[],
  options: Caller & { jobId: number; progress: ProgressSink },
): Promise<ImportSummary> {
  const existing = await householdsInBuildings(tx, [...new Set(records.map((r) => r.building.id))]);
  const byKey = new Map(existing.map((h) => [householdKey(h.building_id, h.unit, h.room), h]));
  const created: NewHouseholdRow[] = [];
  const changed: { before: ExistingHousehold; after: HouseholdChange }[] = [];
  for (const record of records) {
    const before = byKey.get(record.key);
    if (!before) created.push(newHousehold(record));
    else {
      const after = changeOf(before, record);
      if (after) changed.push({ before, after });
    }
  }
  const unchanged = records.length - created.length - changed.length;
  await options.progress.advance(unchanged);

  const actor = auditActor(options);
  const audit: AuditEntry[] = [];
  for (const batch of chunked(created, WRITE_BATCH)) {
    const written = await insertHouseholds(tx, batch);
    const idOf = new Map(written.map((w) => [householdKey(w.building_id, w.unit, w.room), w.id]));
    for (const h of batch) {
      audit.push({
        actor,
        action: 'household.created',
        targetType: 'household',
        targetId: idOf.get(householdKey(h.building_id, h.unit, h.room)),
        summary: { after: { address: h.address, ...view(h) }, importJobId: options.jobId },
        requestId: options.requestId,
        streetId: h.street_id,
      });
    }
    await options.progress.advance(batch.length);
  }
  for (const batch of chunked(changed, WRITE_BATCH)) {
    await updateHouseholds(
      tx,
      batch.map((c) => c.after),
    );
    for (const { before, after } of batch) {
      audit.push({
        actor,
        action: 'household.updated',
        targetType: 'household',
        targetId: before.id,
        summary: { before: view(before), after: view(after), importJobId: options.jobId },
        requestId: options.requestId,
        streetId: before.street_id,
      });
    }
    await options.progress.advance(batch.length);
  }
  await appendAuditInBatches(tx, audit);
  return { created: created.length, updated: changed.length, unchanged };
}
