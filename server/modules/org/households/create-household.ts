import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getNodeInScope } from '../repository.js';
import { checkTags } from './resident-pii.js';
import type { CreateHouseholdBody } from './schema.js';

/** Registers a household in a building of the caller's scope. */
export async function createHousehold(db: Executor, options: Caller & z.infer<typeof CreateHouseholdBody>) {
  const scope = scopeFor(options.actor, 'household.write');
  return inTransaction(db, async (tx) => {
    const building = await getNodeInScope(tx, scope, options.buildingId);
    if (building.kind !== 'building') {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.buildingId', message: 'not a building' }]);
    }
    await checkTags(tx, 'household', options.tags);
    const [, , communityId, gridId] = building.path.split('/').filter(Boolean).map(Number);
    const taken = await tx
      .selectFrom('household')
      .select('id')
      .where('building_id', '=', building.id)
      .where('unit', '=', options.unit)
      .where('room', '=', options.room)
      .executeTakeFirst();
    if (taken) throw new AppError('DUPLICATE_HOUSEHOLD', { householdId: taken.id });
    const address = `${building.address ?? building.name}${options.unit}${options.room}`;
    const row = await tx
      .insertInto('household')
      .values({
        building_id: building.id,
        grid_id: gridId!,
        community_id: communityId!,
        street_id: building.streetId!,
        org_path: building.path,
        unit: options.unit,
        room: options.room,
        address,
        housing: options.housing,
        area_m2: options.areaM2 ?? null,
        tags: options.tags,
        notes: options.notes ?? null,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'household.created',
      targetType: 'household',
      targetId: row.id,
      summary: { after: { address, housing: options.housing, areaM2: options.areaM2 ?? null, tags: options.tags } },
      requestId: options.requestId,
      streetId: building.streetId,
    });
    return { id: row.id, version: row.version };
  });
}
