import { z } from 'zod';
import { DateOnly, Id, Text } from '../schema.js';

export const TaskStatus = z.enum(['open', 'in_progress', 'done']);

export const ResolutionBody = z.strictObject({
  topicId: Id.optional(),
  title: Text(2, 200),
  content: Text(1, 10_000),
  /** Who answers for carrying it out: a person, a unit or a committee. */
  ownerName: Text(1, 100),
  ownerUserId: Id.optional(),
  dueDate: DateOnly,
});

export const TaskBody = z.strictObject({
  title: Text(2, 200),
  assigneeName: Text(1, 100),
  dueDate: DateOnly.optional(),
});

export const ProgressBody = z.strictObject({
  note: Text(1, 5000),
  /** Evidence as text or a URL, for now. */
  evidence: Text(1, 2000).optional(),
  status: z.enum(['in_progress', 'done']).optional(),
});

export const ResolutionDetail = z.object({
  id: z.number(),
  meetingId: z.number(),
  topicId: z.number().nullable(),
  communityId: z.number(),
  title: z.string(),
  content: z.string(),
  ownerName: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'done']),
  doneAt: z.date().nullable(),
  tasks: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      assigneeName: z.string(),
      dueDate: z.string().nullable(),
      status: TaskStatus,
      doneAt: z.date().nullable(),
      notes: z.array(z.object({ id: z.number(), authorName: z.string(), note: z.string(), evidence: z.string().nullable(), statusAfter: TaskStatus, createdAt: z.date() })),
    }),
  ),
});

export const ProgressResult = z.object({
  taskId: z.number(),
  taskStatus: TaskStatus,
  resolutionId: z.number(),
  resolutionStatus: z.enum(['open', 'done']),
});
