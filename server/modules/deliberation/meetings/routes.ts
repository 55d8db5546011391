import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { ErrorResponse, IdParams } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { communityScope } from '../shared.js';
import { addAgendaItem } from './add-agenda-item.js';
import { checkIn } from './check-in.js';
import { closeMeeting } from './close-meeting.js';
import { commentOnMeeting } from './comment-on-meeting.js';
import { inviteToMeeting } from './invite-to-meeting.js';
import { issueCheckInCode } from './issue-check-in-code.js';
import { recordMinutes } from './record-minutes.js';
import { registerForMeeting } from './register-for-meeting.js';
import { listMeetings, meetingDetail } from './repository.js';
import { scheduleMeeting } from './schedule-meeting.js';
import {
  AgendaItemBody,
  CHECK_IN_MINUTES,
  CheckInBody,
  CheckInCode,
  CheckInCodeBody,
  CommentBody,
  InvitationBody,
  MeetingDetail,
  MeetingQuery,
  MeetingSummary,
  MinutesBody,
  ScheduleMeetingBody,
} from './schema.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const caller = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
const tags = ['deliberation'];

/** Meetings: schedule, agenda, invitations, registration, QR check-in, comments, minutes, close. */
export async function meetingRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  app.get(
    '/api/deliberation/meetings',
    { schema: { tags, summary: 'Meetings of my communities', querystring: MeetingQuery, response: { 200: z.object({ items: z.array(MeetingSummary) }), ...errors } } },
    async (request) => ({ items: await listMeetings(db, communityScope(requireActor(request), 'deliberation.read'), request.query.communityId) }),
  );

  app.post(
    '/api/deliberation/meetings',
    {
      schema: {
        tags,
        summary: 'Schedule a council (议事会), joint meeting (联席会议), hearing (听证会) or heart-to-heart (恳谈会)',
        body: ScheduleMeetingBody,
        response: { 201: z.object({ id: z.number(), status: z.string() }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await scheduleMeeting(db, { ...caller(request), ...request.body })),
  );

  app.get(
    '/api/deliberation/meetings/:id',
    { schema: { tags, summary: 'A meeting with its agenda, invitations, comments and resolutions', params: IdParams, response: { 200: MeetingDetail, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      return meetingDetail(db, communityScope(actor, 'deliberation.read'), actor.userId, request.params.id);
    },
  );

  app.post(
    '/api/deliberation/meetings/:id/agenda',
    {
      schema: {
        tags,
        summary: 'Put an accepted topic (or a free item) on the agenda',
        params: IdParams,
        body: AgendaItemBody,
        response: { 201: z.object({ id: z.number(), position: z.number(), topicId: z.number().nullable(), title: z.string() }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await addAgendaItem(db, { ...caller(request), meetingId: request.params.id, ...request.body })),
  );

  app.post(
    '/api/deliberation/meetings/:id/invitations',
    { schema: { tags, summary: 'Invite a party to the meeting', params: IdParams, body: InvitationBody, response: { 201: z.object({ id: z.number() }), ...errors } } },
    async (request, reply) => reply.status(201).send(await inviteToMeeting(db, { ...caller(request), meetingId: request.params.id, ...request.body })),
  );

  app.post(
    '/api/deliberation/meetings/:id/registrations',
    {
      schema: {
        tags,
        summary: 'Register myself for the meeting (up to its capacity)',
        params: IdParams,
        response: { 201: z.object({ registeredCount: z.number(), capacity: z.number() }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await registerForMeeting(db, { ...caller(request), meetingId: request.params.id })),
  );

  app.post(
    '/api/deliberation/meetings/:id/check-in-code',
    {
      schema: {
        tags,
        summary: 'Issue the check-in code: a signed, expiring token and the URL to show as a QR code',
        params: IdParams,
        body: CheckInCodeBody,
        response: { 200: CheckInCode, ...errors },
      },
    },
    async (request) => issueCheckInCode(db, { ...caller(request), meetingId: request.params.id, ttlMinutes: request.body?.ttlMinutes ?? CHECK_IN_MINUTES }),
  );

  app.post(
    '/api/deliberation/check-in',
    {
      schema: {
        tags,
        summary: 'Check in to a meeting with the token of its QR code',
        body: CheckInBody,
        response: { 200: z.object({ meetingId: z.number(), checkedInAt: z.date() }), ...errors, 410: ErrorResponse },
      },
    },
    async (request) => checkIn(db, { ...caller(request), token: request.body.token }),
  );

  app.post(
    '/api/deliberation/meetings/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment while the comment window is open (for those who cannot attend)',
        params: IdParams,
        body: CommentBody,
        response: { 201: z.object({ id: z.number(), createdAt: z.date() }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await commentOnMeeting(db, { ...caller(request), meetingId: request.params.id, body: request.body.body })),
  );

  app.put(
    '/api/deliberation/meetings/:id/minutes',
    { schema: { tags, summary: 'Record the minutes (纪要)', params: IdParams, body: MinutesBody, response: { 200: z.object({ id: z.number(), minutesAt: z.date() }), ...errors } } },
    async (request) => recordMinutes(db, { ...caller(request), meetingId: request.params.id, minutes: request.body.minutes }),
  );

  app.post(
    '/api/deliberation/meetings/:id/close',
    {
      schema: {
        tags,
        summary: 'Close the meeting; minutes are required first',
        params: IdParams,
        response: { 200: z.object({ id: z.number(), status: z.literal('closed'), closedAt: z.date(), deliberatedTopicIds: z.array(z.number()) }), ...errors },
      },
    },
    async (request) => closeMeeting(db, { ...caller(request), meetingId: request.params.id }),
  );
}
