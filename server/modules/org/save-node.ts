import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../platform/context.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { scopeFor } from '../../platform/permissions/scope.js';
import { getNodeInScope } from './repository.js';
import { CHILD_KIND, type CreateNodeBody, type UpdateNodeBody } from './schema.js';

function checkGeometry(kind: string, input: { boundary?: unknown; point?: unknown }) {
  if (input.boundary && !['street', 'community', 'grid'].includes(kind)) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'body.boundary', message: 'only streets, communities and grids have a boundary' }]);
  }
  if (input.point && kind !== 'building') {
    throw new AppError('VALIDATION_FAILED', [{ path: 'body.point', message: 'only buildings have a point' }]);
  }
}

/** Adds a node under a parent in the caller's scope; the kind follows from the parent's. */
export async function createNode(db: Executor, options: Caller & z.infer<typeof CreateNodeBody>) {
  const scope = scopeFor(options.actor, 'org.write');
  return inTransaction(db, async (tx) => {
    const parent = await getNodeInScope(tx, scope, options.parentId);
    const kind = CHILD_KIND[parent.kind];
    if (!kind) throw new AppError('VALIDATION_FAILED', [{ path: 'body.parentId', message: 'a building has no child nodes' }]);
    checkGeometry(kind, options);
    const taken = await tx.selectFrom('org_node').select('id').where('code', '=', options.code).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', [{ path: 'body.code', message: 'code already used' }]);
    const inserted = await tx
      .insertInto('org_node')
      .values({
        parent_id: parent.id,
        kind,
        code: options.code,
        name: options.name,
        path: `pending:${options.code}`,
        street_id: kind === 'street' ? null : (parent.streetId ?? parent.id),
        address: options.address ?? null,
        boundary: options.boundary ? JSON.stringify(options.boundary) : null,
        point: options.point ? JSON.stringify(options.point) : null,
      })
      .returning(['id', 'street_id'])
      .executeTakeFirstOrThrow();
    const path = `${parent.path}${inserted.id}/`;
    await tx
      .updateTable('org_node')
      .set({ path, ...(kind === 'street' ? { street_id: inserted.id } : {}) })
      .where('id', '=', inserted.id)
      .execute();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'org.node_created',
      targetType: 'org_node',
      targetId: inserted.id,
      summary: { after: { kind, code: options.code, name: options.name, parentId: parent.id } },
      requestId: options.requestId,
      streetId: kind === 'street' ? inserted.id : inserted.street_id,
    });
    return { id: inserted.id, path, kind };
  });
}

export async function updateNode(db: Executor, options: Caller & { id: number } & z.infer<typeof UpdateNodeBody>) {
  const scope = scopeFor(options.actor, 'org.write');
  return inTransaction(db, async (tx) => {
    const node = await getNodeInScope(tx, scope, options.id);
    checkGeometry(node.kind, options);
    const set: Record<string, unknown> = { updated_at: new Date() };
    if (options.name !== undefined) set.name = options.name;
    if (options.address !== undefined) set.address = options.address;
    if (options.boundary !== undefined) set.boundary = options.boundary === null ? null : JSON.stringify(options.boundary);
    if (options.point !== undefined) set.point = options.point === null ? null : JSON.stringify(options.point);
    await tx.updateTable('org_node').set(set).where('id', '=', node.id).execute();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'org.node_updated',
      targetType: 'org_node',
      targetId: node.id,
      summary: {
        before: { name: node.name, address: node.address, hasBoundary: node.boundary !== null, hasPoint: node.point !== null },
        changed: Object.keys(set).filter((k) => k !== 'updated_at'),
      },
      requestId: options.requestId,
      streetId: node.streetId ?? node.id,
    });
  });
}
