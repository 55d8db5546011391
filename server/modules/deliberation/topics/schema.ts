import { z } from 'zod';
import { PageQuery } from '../../../platform/http/schemas.js';
import { Id, IdQuery, Text } from '../schema.js';

export const TopicStatus = z.enum(['collecting', 'vetting', 'accepted', 'merged', 'declined', 'deliberated', 'concluded']);
export const TopicSource = z.enum(['resident', 'case', 'staff']);

export const ProposeTopicBody = z.strictObject({
  communityId: Id,
  title: Text(2, 100),
  description: Text(1, 5000),
  /** Staff raising a topic from a case (接诉即办 → 协商议事). */
  caseId: Id.optional(),
});

export const VetTopicBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept'), note: Text(1, 2000).optional() }),
  z.strictObject({ decision: z.literal('merge'), mergeIntoId: Id, note: Text(1, 2000).optional() }),
  z.strictObject({ decision: z.literal('decline'), reason: Text(2, 2000) }),
]);

export const OutcomeBody = z.strictObject({ feedback: Text(2, 5000) });

export const SupportThresholdBody = z.strictObject({ supportThreshold: z.number().int().min(1).max(100_000) });

export const TopicQuery = z.strictObject({
  communityId: IdQuery.optional(),
  status: TopicStatus.optional(),
  ...PageQuery,
});

export const TopicView = z.object({
  id: z.number(),
  communityId: z.number(),
  source: TopicSource,
  caseId: z.number().nullable(),
  title: z.string(),
  description: z.string(),
  status: TopicStatus,
  supportCount: z.number(),
  supportThreshold: z.number(),
  mergedIntoId: z.number().nullable(),
  declineReason: z.string().nullable(),
  vetNote: z.string().nullable(),
  vettedAt: z.date().nullable(),
  feedback: z.string().nullable(),
  feedbackAt: z.date().nullable(),
  createdAt: z.date(),
  mine: z.boolean(),
  supportedByMe: z.boolean(),
});

export const TopicDetail = z.object({
  topic: TopicView,
  meetings: z.array(z.object({ id: z.number(), title: z.string(), kind: z.string(), startsAt: z.date(), status: z.string() })),
  resolutions: z.array(z.object({ id: z.number(), title: z.string(), status: z.string(), dueDate: z.string(), doneAt: z.date().nullable() })),
});

export const SupportResult = z.object({ supportCount: z.number(), supportThreshold: z.number(), status: TopicStatus });
