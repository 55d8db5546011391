import { sql } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { dummyHash, verifyPassword } from './passwords.js';
import { insertSession, newToken } from './session-repository.js';

export interface SignInInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/**
 * Checks the password; counts failures on the account and locks it for LOGIN_LOCK_MINUTES after
 * LOGIN_MAX_FAILURES in a row. A locked account is refused before its password is checked.
 */
export async function signIn(ctx: AppContext, input: SignInInput): Promise<{ token: string; userId: number }> {
  const { db, config } = ctx;
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'password_hash', 'locked_until', 'disabled_at'])
    .where('username', '=', input.username.trim().toLowerCase())
    .executeTakeFirst();
  if (!user || user.disabled_at) {
    await verifyPassword(await dummyHash(), input.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until > new Date()) {
    throw new AppError('ACCOUNT_LOCKED', { lockedUntil: user.locked_until.toISOString() });
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  const actor = { id: user.id, name: user.username };
  if (!ok) {
    const locked = await inTransaction(db, async (tx) => {
      const row = await tx
        .updateTable('app_user')
        .set({ failed_logins: sql`failed_logins + 1` })
        .where('id', '=', user.id)
        .returning('failed_logins')
        .executeTakeFirstOrThrow();
      const lock = row.failed_logins >= config.LOGIN_MAX_FAILURES;
      if (lock) {
        await tx
          .updateTable('app_user')
          .set({ failed_logins: 0, locked_until: new Date(Date.now() + config.LOGIN_LOCK_MINUTES * 60_000) })
          .where('id', '=', user.id)
          .execute();
      }
      await appendAudit(tx, {
        actor,
        action: lock ? 'auth.locked' : 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        summary: { failures: row.failed_logins, ip: input.ip },
        requestId: input.requestId,
      });
      return lock;
    });
    throw new AppError(locked ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  const token = newToken();
  await inTransaction(db, async (tx) => {
    await tx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    const sessionId = await insertSession(tx, {
      userId: user.id,
      token,
      ttlHours: config.SESSION_TTL_HOURS,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await appendAudit(tx, {
      actor,
      action: 'auth.login',
      targetType: 'session',
      targetId: sessionId,
      summary: { ip: input.ip },
      requestId: input.requestId,
    });
  });
  return { token, userId: user.id };
}
