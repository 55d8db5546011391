import type { Executor } from '../db/transaction.js';

/** Every query here is bounded to one user's rows: a user reads and marks only their own inbox. */
export async function listInbox(db: Executor, options: { userId: number; unreadOnly: boolean; page: number; pageSize: number }) {
  let query = db.selectFrom('notification').where('user_id', '=', options.userId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  const [items, counts] = await Promise.all([
    query
      .select(['id', 'kind', 'title', 'body', 'case_id', 'created_at', 'read_at'])
      .orderBy('id', 'desc')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    db
      .selectFrom('notification')
      .where('user_id', '=', options.userId)
      .select((eb) => [
        eb.fn.countAll<string>().as('total'),
        eb.fn.count<string>('id').filterWhere('read_at', 'is', null).as('unread'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const total = options.unreadOnly ? Number(counts.unread) : Number(counts.total);
  return { items, total, unread: Number(counts.unread) };
}

/** Marks one of the user's notices read (keeping the first reading time); undefined if not theirs. */
export async function markRead(db: Executor, options: { userId: number; id: number; at: Date }) {
  return db
    .updateTable('notification')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(options.at)) }))
    .where('id', '=', options.id)
    .where('user_id', '=', options.userId)
    .returning(['id', 'kind', 'title', 'body', 'case_id', 'created_at', 'read_at'])
    .executeTakeFirst();
}

export async function markAllRead(db: Executor, options: { userId: number; at: Date }): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ read_at: options.at })
    .where('user_id', '=', options.userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
