import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ErrorResponse, IdParams } from '../../platform/http/schemas.js';
import { requireActor } from '../../platform/identity/auth-plugin.js';
import { scopeFor } from '../../platform/permissions/scope.js';
import { listNodes, listOrganisations, listPartyOrgs, nodeDetail } from './repository.js';
import { createNode, updateNode } from './save-node.js';
import { CreateNodeBody, OrgNodeDetail, OrgNodeSummary, UpdateNodeBody } from './schema.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export async function orgRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/org/nodes',
    {
      schema: {
        tags: ['org'],
        summary: 'Children of a node, or the roots of my scope',
        querystring: z.strictObject({ parentId: z.coerce.number().int().positive().optional() }),
        response: { 200: z.object({ items: z.array(OrgNodeSummary) }), ...errors },
      },
    },
    async (request) => {
      const scope = scopeFor(requireActor(request), 'org.read');
      return { items: await listNodes(ctx.db, scope, request.query.parentId ?? null) };
    },
  );

  app.get(
    '/api/org/nodes/:id',
    { schema: { tags: ['org'], summary: 'One node with its party organisations, staff and organisations', params: IdParams, response: { 200: OrgNodeDetail, ...errors } } },
    async (request) => nodeDetail(ctx.db, scopeFor(requireActor(request), 'org.read'), request.params.id),
  );

  app.post(
    '/api/org/nodes',
    {
      schema: {
        tags: ['org'],
        summary: 'Add a street, community, grid or building under a node',
        body: CreateNodeBody,
        response: { 201: z.object({ id: z.number(), path: z.string(), kind: z.string() }), ...errors, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const created = await createNode(ctx.db, { actor: requireActor(request), requestId: request.id, ...request.body });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/org/nodes/:id',
    { schema: { tags: ['org'], summary: 'Rename a node or set its boundary or point', params: IdParams, body: UpdateNodeBody, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await updateNode(ctx.db, { actor: requireActor(request), requestId: request.id, id: request.params.id, ...request.body });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/org/party-orgs',
    {
      schema: {
        tags: ['org'],
        summary: 'Party organisations (committee → branch → group) in my scope',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                parentId: z.number().nullable(),
                kind: z.enum(['committee', 'branch', 'group']),
                name: z.string(),
                secretary: z.string().nullable(),
                memberCount: z.number(),
                orgNodeId: z.number(),
                orgNodeName: z.string(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: await listPartyOrgs(ctx.db, scopeFor(requireActor(request), 'org.read')) }),
  );

  app.get(
    '/api/org/organisations',
    {
      schema: {
        tags: ['org'],
        summary: 'Departments, property companies (with their estates), partner units and social organisations',
        querystring: z.strictObject({ kind: z.enum(['department', 'property_company', 'partner_unit', 'social_org']).optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                kind: z.string(),
                name: z.string(),
                orgNodeId: z.number(),
                contactName: z.string().nullable(),
                contactPhone: z.string().nullable(),
                estates: z.array(z.object({ id: z.number(), name: z.string() })),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: await listOrganisations(ctx.db, scopeFor(requireActor(request), 'org.read'), request.query.kind) }),
  );
}
