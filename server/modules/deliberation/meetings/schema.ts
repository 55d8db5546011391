import { z } from 'zod';
import { Id, IdQuery, Instant, Text } from '../schema.js';

export const MeetingKind = z.enum(['council', 'joint', 'hearing', 'heart_to_heart']);

export const ScheduleMeetingBody = z
  .strictObject({
    communityId: Id,
    kind: MeetingKind,
    title: Text(2, 100),
    location: Text(1, 200),
    startsAt: Instant,
    endsAt: Instant.optional(),
    capacity: z.number().int().min(1).max(100_000),
    commentOpensAt: Instant.optional(),
    commentClosesAt: Instant.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.endsAt && b.endsAt <= b.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    if ((b.commentOpensAt === undefined) !== (b.commentClosesAt === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['commentClosesAt'], message: 'give both commentOpensAt and commentClosesAt, or neither' });
    } else if (b.commentOpensAt && b.commentClosesAt && b.commentClosesAt <= b.commentOpensAt) {
      ctx.addIssue({ code: 'custom', path: ['commentClosesAt'], message: 'must be after commentOpensAt' });
    }
  });

export const AgendaItemBody = z
  .strictObject({ topicId: Id.optional(), title: Text(1, 200).optional() })
  .refine((b) => b.topicId !== undefined || b.title !== undefined, { message: 'give a topicId or a title', path: ['topicId'] });

export const InvitationBody = z.strictObject({
  name: Text(1, 100),
  capacityAs: Text(1, 100).optional(),
  userId: Id.optional(),
  organisationId: Id.optional(),
  partyOrgId: Id.optional(),
});

/** How long a check-in code works unless staff say otherwise: a meeting's afternoon. */
export const CHECK_IN_MINUTES = 240;
export const CheckInCodeBody = z.strictObject({ ttlMinutes: z.number().int().min(5).max(1440).optional() }).nullish();
export const CheckInBody = z.strictObject({ token: z.string().trim().min(1).max(300) });
export const CommentBody = z.strictObject({ body: Text(1, 2000) });
export const MinutesBody = z.strictObject({ minutes: Text(1, 50_000) });

export const MeetingQuery = z.strictObject({ communityId: IdQuery.optional() });

export const MeetingSummary = z.object({
  id: z.number(),
  communityId: z.number(),
  kind: MeetingKind,
  title: z.string(),
  location: z.string(),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  capacity: z.number(),
  registeredCount: z.number(),
  commentOpensAt: z.date().nullable(),
  commentClosesAt: z.date().nullable(),
  status: z.enum(['scheduled', 'closed']),
});

export const MeetingDetail = MeetingSummary.extend({
  minutes: z.string().nullable(),
  minutesAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  attendanceCount: z.number(),
  registeredByMe: z.boolean(),
  checkedInByMe: z.boolean(),
  agenda: z.array(z.object({ id: z.number(), position: z.number(), topicId: z.number().nullable(), title: z.string() })),
  invitations: z.array(z.object({ id: z.number(), name: z.string(), capacityAs: z.string().nullable() })),
  comments: z.array(z.object({ id: z.number(), body: z.string(), createdAt: z.date(), mine: z.boolean() })),
  resolutions: z.array(z.object({ id: z.number(), title: z.string(), ownerName: z.string(), dueDate: z.string(), status: z.string() })),
});

export const CheckInCode = z.object({ token: z.string(), url: z.string(), expiresAt: z.date() });
