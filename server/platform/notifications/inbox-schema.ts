import { z } from 'zod';
import { PageQuery, paged } from '../http/schemas.js';

export const InboxQuery = z.strictObject({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...PageQuery,
});

export const NotificationView = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  caseId: z.number().nullable(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});

export const InboxPage = paged(NotificationView).extend({ unread: z.number() });

export function presentNotification(row: { id: number; kind: string; title: string; body: string; case_id: number | null; created_at: Date; read_at: Date | null }): z.infer<typeof NotificationView> {
  return { id: row.id, kind: row.kind, title: row.title, body: row.body, caseId: row.case_id, createdAt: row.created_at, readAt: row.read_at };
}
