import { z } from 'zod';

export const OrgKind = z.enum(['district', 'street', 'community', 'grid', 'building']);

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export const GeoPoint = z.strictObject({ type: z.literal('Point'), coordinates: Position });
export const GeoPolygon = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(Position).min(4).max(10_000)).min(1).max(100),
});

export const OrgNodeSummary = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  kind: OrgKind,
  code: z.string(),
  name: z.string(),
  path: z.string(),
  address: z.string().nullable(),
  childCount: z.number(),
  householdCount: z.number(),
});

export const OrgNodeDetail = z.object({
  node: OrgNodeSummary.extend({ boundary: z.unknown().nullable(), point: z.unknown().nullable() }),
  ancestors: z.array(z.object({ id: z.number(), kind: OrgKind, name: z.string() })),
  partyOrgs: z.array(
    z.object({ id: z.number(), kind: z.enum(['committee', 'branch', 'group']), name: z.string(), secretary: z.string().nullable(), memberCount: z.number() }),
  ),
  staff: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['committee_member', 'grid_worker', 'building_head']),
      employment: z.enum(['full_time', 'part_time']).nullable(),
      name: z.string(),
      title: z.string().nullable(),
    }),
  ),
  organisations: z.array(z.object({ id: z.number(), kind: z.string(), name: z.string() })),
});

/** Which kind of node may hang under which. */
export const CHILD_KIND = { district: 'street', street: 'community', community: 'grid', grid: 'building', building: null } as const;

export const CreateNodeBody = z.strictObject({
  parentId: z.number().int().positive(),
  code: z.string().trim().min(1).max(60).regex(/^[\w-]+$/),
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(200).optional(),
  boundary: GeoPolygon.optional(),
  point: GeoPoint.optional(),
});

export const UpdateNodeBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  address: z.string().trim().max(200).nullable().optional(),
  boundary: GeoPolygon.nullable().optional(),
  point: GeoPoint.nullable().optional(),
});
