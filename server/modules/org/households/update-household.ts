import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getHouseholdInScope } from './repository.js';
import { checkTags } from './resident-pii.js';
import type { UpdateHouseholdBody } from './schema.js';

/** Changes housing, area, tags or notes; `version` guards against overwriting someone else's edit. */
export async function updateHousehold(db: Executor, options: Caller & { id: number } & z.infer<typeof UpdateHouseholdBody>) {
  const scope = scopeFor(options.actor, 'household.write');
  return inTransaction(db, async (tx) => {
    const before = await getHouseholdInScope(tx, scope, options.id, true);
    if (before.version !== options.version) throw new AppError('VERSION_CONFLICT', { current: before.version });
    await checkTags(tx, 'household', options.tags);
    const after = {
      housing: options.housing ?? before.housing,
      area_m2: options.areaM2 === undefined ? before.area_m2 : options.areaM2,
      tags: options.tags ?? before.tags,
      notes: options.notes === undefined ? before.notes : options.notes,
    };
    const row = await tx
      .updateTable('household')
      .set({ ...after, version: before.version + 1, updated_at: new Date() })
      .where('id', '=', before.id)
      .returning('version')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'household.updated',
      targetType: 'household',
      targetId: before.id,
      summary: {
        before: { housing: before.housing, areaM2: before.area_m2, tags: before.tags, notes: before.notes },
        after: { housing: after.housing, areaM2: after.area_m2, tags: after.tags, notes: after.notes },
      },
      requestId: options.requestId,
      streetId: before.street_id,
    });
    return { id: before.id, version: row.version };
  });
}
