import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { ErrorResponse, IdParams } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { communityScope } from '../shared.js';
import { castBallot } from './cast-ballot.js';
import { closeVote } from './close-vote.js';
import { createVote } from './create-vote.js';
import { enterPaperBallot } from './enter-paper-ballot.js';
import { openVote } from './open-vote.js';
import { recordProxy } from './record-proxy.js';
import { recountVote } from './recount-vote.js';
import { getVoteInScope, listVotes, ownerRoll, voteDetail } from './repository.js';
import { BallotBody, BallotReceipt, CreateVoteBody, PaperBallotBody, ProxyBody, RollEntry, VoteDetail, VoteQuery, VoteResult, VoteRule, VoteStatus, VoteSummary } from './schema.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const caller = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
const tags = ['owners-votes'];
const RULES = 'Civil Code art. 278: valid when participating owners hold ≥ 2/3 of the exclusive-part area and are ≥ 2/3 of the owners; items 6–8 pass with ≥ 3/4 of the participating area and owners voting for, other matters with > 1/2 of both.';

/** Owners' votes (业主表决) of an estate under Civil Code art. 278. */
export async function ownersVoteRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  app.get(
    '/api/owners-votes',
    { schema: { tags, summary: 'Owners\' votes of my communities', querystring: VoteQuery, response: { 200: z.object({ items: z.array(VoteSummary) }), ...errors } } },
    async (request) => ({ items: await listVotes(db, communityScope(requireActor(request), 'deliberation.read'), request.query) }),
  );

  app.post(
    '/api/owners-votes',
    {
      schema: {
        tags,
        summary: 'Draft a vote on one matter of art. 278 (the rule follows from the matter)',
        description: RULES,
        body: CreateVoteBody,
        response: { 201: z.object({ id: z.number(), status: VoteStatus, rule: VoteRule }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createVote(db, { ...caller(request), ...request.body })),
  );

  app.get(
    '/api/owners-votes/:id',
    { schema: { tags, summary: 'A vote; its result only once it is closed', params: IdParams, response: { 200: VoteDetail, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      return voteDetail(db, communityScope(actor, 'deliberation.read'), actor.residentId, request.params.id);
    },
  );

  app.post(
    '/api/owners-votes/:id/open',
    {
      schema: {
        tags,
        summary: 'Open the vote: snapshot the owners\' roll and areas from the household archive',
        params: IdParams,
        response: {
          200: z.object({ id: z.number(), status: z.literal('open'), openedAt: z.date(), totalOwners: z.number(), totalUnits: z.number(), totalAreaM2: z.string() }),
          ...errors,
        },
      },
    },
    async (request) => openVote(db, { ...caller(request), voteId: request.params.id }),
  );

  app.get(
    '/api/owners-votes/:id/owners',
    { schema: { tags, summary: 'The owners\' roll, with who has voted (not how)', params: IdParams, response: { 200: z.object({ items: z.array(RollEntry) }), ...errors } } },
    async (request) => {
      const vote = await getVoteInScope(db, scopeFor(requireActor(request), 'vote.manage'), request.params.id);
      return { items: await ownerRoll(db, vote.id) };
    },
  );

  app.post(
    '/api/owners-votes/:id/proxies',
    { schema: { tags, summary: 'Record an owner\'s proxy authorization', params: IdParams, body: ProxyBody, response: { 201: z.object({ id: z.number(), ownerId: z.number() }), ...errors } } },
    async (request, reply) => reply.status(201).send(await recordProxy(db, { ...caller(request), voteId: request.params.id, ...request.body })),
  );

  app.post(
    '/api/owners-votes/:id/ballots',
    { schema: { tags, summary: 'Cast my ballot online (or as a recorded proxy)', params: IdParams, body: BallotBody, response: { 201: BallotReceipt, ...errors } } },
    async (request, reply) => reply.status(201).send(await castBallot(db, { ...caller(request), voteId: request.params.id, ...request.body })),
  );

  app.post(
    '/api/owners-votes/:id/paper-ballots',
    { schema: { tags, summary: 'Enter a paper ballot with its reference', params: IdParams, body: PaperBallotBody, response: { 201: BallotReceipt, ...errors } } },
    async (request, reply) => reply.status(201).send(await enterPaperBallot(db, { ...caller(request), voteId: request.params.id, ...request.body })),
  );

  app.post(
    '/api/owners-votes/:id/close',
    { schema: { tags, summary: 'Close the vote and count it under art. 278', description: RULES, params: IdParams, response: { 200: VoteResult, ...errors } } },
    async (request) => closeVote(db, { ...caller(request), voteId: request.params.id }),
  );

  app.get(
    '/api/owners-votes/:id/result',
    { schema: { tags, summary: 'The stored result; hidden until the vote closes', description: RULES, params: IdParams, response: { 200: VoteResult, ...errors } } },
    async (request) => {
      const vote = await getVoteInScope(db, communityScope(requireActor(request), 'deliberation.read'), request.params.id);
      if (vote.status !== 'closed' || vote.result === null) throw new AppError('OWNERS_VOTE_RESULT_HIDDEN');
      return vote.result as z.infer<typeof VoteResult>;
    },
  );

  app.post(
    '/api/owners-votes/:id/recount',
    {
      schema: {
        tags,
        summary: 'Recount a closed vote from its ballots and compare with the stored result',
        params: IdParams,
        response: { 200: z.object({ matches: z.boolean(), stored: VoteResult, recomputed: VoteResult }), ...errors },
      },
    },
    async (request) => {
      const r = await recountVote(db, { ...caller(request), voteId: request.params.id });
      return { ...r, stored: r.stored as z.infer<typeof VoteResult> };
    },
  );
}
