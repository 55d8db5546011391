import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { ErrorResponse, IdParams, paged } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { communityScope, getCommunityInScope } from '../shared.js';
import { proposeTopic } from './propose-topic.js';
import { recordOutcome } from './record-outcome.js';
import { listTopics, supportThreshold, topicDetail } from './repository.js';
import { OutcomeBody, ProposeTopicBody, SupportResult, SupportThresholdBody, TopicDetail, TopicQuery, TopicStatus, TopicView, VetTopicBody } from './schema.js';
import { setSupportThreshold } from './set-support-threshold.js';
import { supportTopic } from './support-topic.js';
import { vetTopic } from './vet-topic.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const caller = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
const CommunityParams = z.strictObject({ communityId: IdParams.shape.id });
const Threshold = z.object({ communityId: z.number(), supportThreshold: z.number() });

/** Topics (议题): propose, support, vet, and the outcome told to residents. */
export async function topicRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  app.get(
    '/api/deliberation/topics',
    { schema: { tags: ['deliberation'], summary: 'Topics of my communities', querystring: TopicQuery, response: { 200: paged(TopicView), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const result = await listTopics(db, communityScope(actor, 'deliberation.read'), actor, request.query);
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.post(
    '/api/deliberation/topics',
    {
      schema: {
        tags: ['deliberation'],
        summary: 'Raise a topic: a resident\'s collects support first; staff\'s and cases\' go to vetting',
        body: ProposeTopicBody,
        response: { 201: z.object({ id: z.number(), status: TopicStatus, supportCount: z.number(), supportThreshold: z.number() }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await proposeTopic(db, { ...caller(request), ...request.body })),
  );

  app.get(
    '/api/deliberation/topics/:id',
    { schema: { tags: ['deliberation'], summary: 'A topic with its meetings and resolutions', params: IdParams, response: { 200: TopicDetail, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      return topicDetail(db, communityScope(actor, 'deliberation.read'), actor, request.params.id);
    },
  );

  app.post(
    '/api/deliberation/topics/:id/support',
    { schema: { tags: ['deliberation'], summary: 'Support (附议) a topic; once per resident', params: IdParams, response: { 200: SupportResult, ...errors } } },
    async (request) => supportTopic(db, { ...caller(request), topicId: request.params.id }),
  );

  app.post(
    '/api/deliberation/topics/:id/vet',
    {
      schema: {
        tags: ['deliberation'],
        summary: 'The Party organisation accepts, merges or declines (with a reason) a topic',
        params: IdParams,
        body: VetTopicBody,
        response: { 200: z.object({ id: z.number(), status: TopicStatus }), ...errors },
      },
    },
    async (request) => vetTopic(db, { ...caller(request), topicId: request.params.id, decision: request.body }),
  );

  app.post(
    '/api/deliberation/topics/:id/outcome',
    {
      schema: {
        tags: ['deliberation'],
        summary: 'Tell residents the outcome of a deliberated topic once its resolutions are done',
        params: IdParams,
        body: OutcomeBody,
        response: { 200: z.object({ id: z.number(), status: TopicStatus, outcomeId: z.number() }), ...errors },
      },
    },
    async (request) => recordOutcome(db, { ...caller(request), topicId: request.params.id, feedback: request.body.feedback }),
  );

  app.get(
    '/api/deliberation/settings/:communityId',
    { schema: { tags: ['deliberation'], summary: 'A community\'s support threshold', params: CommunityParams, response: { 200: Threshold, ...errors } } },
    async (request) => {
      const community = await getCommunityInScope(db, communityScope(requireActor(request), 'deliberation.read'), request.params.communityId);
      return { communityId: community.id, supportThreshold: await supportThreshold(db, community.id) };
    },
  );

  app.put(
    '/api/deliberation/settings/:communityId',
    {
      schema: {
        tags: ['deliberation'],
        summary: 'Set how many supporters a resident\'s topic needs before vetting',
        params: CommunityParams,
        body: SupportThresholdBody,
        response: { 200: Threshold, ...errors },
      },
    },
    async (request) => setSupportThreshold(db, { ...caller(request), communityId: request.params.communityId, ...request.body }),
  );
}
