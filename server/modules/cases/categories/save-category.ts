import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import type { CreateCategoryBody, TimeLimitRule, UpdateCategoryBody } from './schema.js';

function dbError(err: unknown): never {
  const code = (err as { code?: string }).code;
  if (code === '23505') throw new AppError('CONFLICT', { reason: 'code already used' });
  if (code === '23514') throw new AppError('VALIDATION_FAILED', [{ path: 'body', message: 'handler and department, or the limits, do not fit together' }]);
  throw err;
}

/** Street admins edit the catalogue (事项清单); the change and its before/after are audited. */
export async function updateCategory(db: Executor, options: Caller & { id: number } & z.infer<typeof UpdateCategoryBody>) {
  scopeFor(options.actor, 'category.manage');
  return inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('case_category').selectAll().where('id', '=', options.id).forUpdate().executeTakeFirst();
    if (!before) throw new AppError('CATEGORY_NOT_FOUND', { id: options.id });
    const handlerKind = options.handlerKind ?? before.handler_kind;
    const after = {
      name_zh: options.nameZh ?? before.name_zh,
      name_en: options.nameEn ?? before.name_en,
      handler_kind: handlerKind,
      department: handlerKind === 'department' ? (options.department === undefined ? before.department : options.department) : null,
      priority: options.priority ?? before.priority,
      response_minutes: options.responseMinutes ?? before.response_minutes,
      resolution_minutes: options.resolutionMinutes ?? before.resolution_minutes,
      keywords: options.keywords ?? before.keywords,
      active: options.active ?? before.active,
    };
    const row = await tx.updateTable('case_category').set({ ...after, updated_at: new Date() }).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow().catch(dbError);
    const { id: _id, updated_at: _u, parent_id: _p, code: _c, sort_order: _s, ...beforeSummary } = before;
    await appendAudit(tx, { actor: auditActor(options), action: 'category.updated', targetType: 'case_category', targetId: before.id, summary: { before: beforeSummary, after }, requestId: options.requestId });
    return row;
  });
}

export async function createCategory(db: Executor, options: Caller & z.infer<typeof CreateCategoryBody>) {
  scopeFor(options.actor, 'category.manage');
  return inTransaction(db, async (tx) => {
    if (options.parentId) {
      const parent = await tx.selectFrom('case_category').select('id').where('id', '=', options.parentId).executeTakeFirst();
      if (!parent) throw new AppError('CATEGORY_NOT_FOUND', { id: options.parentId });
    }
    const row = await tx
      .insertInto('case_category')
      .values({
        parent_id: options.parentId,
        code: options.code,
        name_zh: options.nameZh,
        name_en: options.nameEn,
        handler_kind: options.handlerKind,
        department: options.department ?? null,
        priority: options.priority,
        response_minutes: options.responseMinutes,
        resolution_minutes: options.resolutionMinutes,
        keywords: options.keywords,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch(dbError);
    await appendAudit(tx, { actor: auditActor(options), action: 'category.created', targetType: 'case_category', targetId: row.id, summary: { after: { code: row.code, handlerKind: row.handler_kind } }, requestId: options.requestId });
    return row;
  });
}

/** Sets the limits for a category at a priority (or, with no category, for the priority). */
export async function saveTimeLimit(db: Executor, options: Caller & z.infer<typeof TimeLimitRule>) {
  scopeFor(options.actor, 'category.manage');
  if (options.responseMinutes > options.resolutionMinutes) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'body.responseMinutes', message: 'the response limit cannot exceed the resolution limit' }]);
  }
  return inTransaction(db, async (tx) => {
    if (options.categoryId) {
      const c = await tx.selectFrom('case_category').select('id').where('id', '=', options.categoryId).executeTakeFirst();
      if (!c) throw new AppError('CATEGORY_NOT_FOUND', { id: options.categoryId });
    }
    let existing = tx.selectFrom('case_time_limit').select('id').where('priority', '=', options.priority);
    existing = options.categoryId ? existing.where('category_id', '=', options.categoryId) : existing.where('category_id', 'is', null);
    const found = await existing.executeTakeFirst();
    const values = { category_id: options.categoryId, priority: options.priority, response_minutes: options.responseMinutes, resolution_minutes: options.resolutionMinutes };
    if (found) await tx.updateTable('case_time_limit').set(values).where('id', '=', found.id).execute();
    else await tx.insertInto('case_time_limit').values(values).execute();
    await appendAudit(tx, { actor: auditActor(options), action: 'time_limit.saved', targetType: 'case_time_limit', targetId: found?.id ?? null, summary: { after: values }, requestId: options.requestId });
  });
}
