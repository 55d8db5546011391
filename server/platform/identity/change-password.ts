import { appendAudit } from '../audit/audit.js';
import { auditActor, type AppContext, type Caller } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { hashPassword, PASSWORD_RULE, verifyPassword } from './passwords.js';
import { revokeOtherSessions } from './session-repository.js';

/** Changes the caller's password and signs out every other session of theirs. */
export async function changePassword(
  ctx: AppContext,
  options: Caller & { currentPassword: string; newPassword: string },
): Promise<void> {
  const { actor } = options;
  const user = await ctx.db
    .selectFrom('app_user')
    .select(['password_hash', 'username'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, options.currentPassword))) {
    throw new AppError('INVALID_CREDENTIALS');
  }
  const next = options.newPassword;
  const reasons: string[] = [];
  if (next.length < PASSWORD_RULE.min) reasons.push(`at least ${PASSWORD_RULE.min} characters`);
  if (next.toLowerCase().includes(user.username.toLowerCase())) reasons.push('must not contain the username');
  if (next === options.currentPassword) reasons.push('must differ from the current password');
  if (reasons.length > 0) throw new AppError('INVALID_PASSWORD', reasons);
  const hash = await hashPassword(next);
  await inTransaction(ctx.db, async (tx) => {
    await tx
      .updateTable('app_user')
      .set({ password_hash: hash, password_changed_at: new Date() })
      .where('id', '=', actor.userId)
      .execute();
    const revoked = await revokeOtherSessions(tx, actor.userId, actor.sessionId);
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'auth.password_changed',
      targetType: 'user',
      targetId: actor.userId,
      summary: { otherSessionsRevoked: revoked },
      requestId: options.requestId,
    });
  });
}
