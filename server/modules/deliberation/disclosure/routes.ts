import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { ErrorResponse } from '../../../platform/http/schemas.js';
import { MeetingKind } from '../meetings/schema.js';
import { VoteMatter, VoteResult, VoteRule } from '../owners-votes/schema.js';
import { IdQuery } from '../schema.js';
import { TopicSource, TopicStatus } from '../topics/schema.js';
import { communityDisclosure } from './repository.js';

const Disclosure = z.object({
  community: z.object({ id: z.number(), name: z.string() }),
  topics: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      description: z.string(),
      source: TopicSource,
      status: TopicStatus,
      supportCount: z.number(),
      mergedIntoId: z.number().nullable(),
      declineReason: z.string().nullable(),
      vettedAt: z.date().nullable(),
      feedback: z.string().nullable(),
      feedbackAt: z.date().nullable(),
    }),
  ),
  resolutions: z.array(
    z.object({
      id: z.number(),
      topicId: z.number().nullable(),
      meetingKind: MeetingKind,
      meetingTitle: z.string(),
      meetingStartsAt: z.date(),
      title: z.string(),
      content: z.string(),
      dueDate: z.string(),
      status: z.enum(['open', 'done']),
      doneAt: z.date().nullable(),
      tasksTotal: z.number(),
      tasksDone: z.number(),
    }),
  ),
  ownersVotes: z.array(
    z.object({ id: z.number(), estateName: z.string(), title: z.string(), matter: VoteMatter, rule: VoteRule, closedAt: z.date(), result: VoteResult }),
  ),
});

/** The public disclosure (公示): no sign-in needed, and no personal data in it. */
export async function disclosureRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/public/deliberation/disclosures',
    {
      schema: {
        tags: ['deliberation'],
        summary: 'Public disclosure of a community: vetted topics, resolutions and their progress, outcomes, owners\' vote results',
        security: [],
        querystring: z.strictObject({ communityId: IdQuery }),
        response: { 200: Disclosure, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => communityDisclosure(ctx.db, request.query.communityId),
  );
}
