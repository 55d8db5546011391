import { z } from 'zod';
import { PageQuery } from '../../platform/http/schemas.js';
import { PhoneField } from '../org/households/schema.js';

export const CaseStatus = z.enum(['submitted', 'accepted', 'dispatched', 'in_progress', 'replied', 'reopened', 'closed', 'merged', 'withdrawn']);
export const CaseChannel = z.enum(['resident_app', 'phone', 'visit', 'patrol', 'hotline', 'open311', 'owners_committee']);
export const Priority = z.enum(['emergency', 'high', 'normal', 'low']);
export const HandlerKind = z.enum(['grid', 'residents_committee', 'property_company', 'department']);
export const Satisfaction = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']);

const Text = (max: number) => z.string().trim().min(1).max(max);

export const SubmitCaseBody = z
  .strictObject({
    channel: CaseChannel.default('resident_app'),
    categoryId: z.number().int().positive(),
    priority: Priority.optional(),
    description: Text(4000),
    householdId: z.number().int().positive().optional(),
    buildingId: z.number().int().positive().optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    address: z.string().trim().max(300).optional(),
    reporter: z
      .strictObject({ name: z.string().trim().max(50).optional(), phone: PhoneField.optional(), residentId: z.number().int().positive().optional() })
      .optional(),
    reporterHidden: z.boolean().default(false),
  })
  .refine((b) => (b.lat === undefined) === (b.lon === undefined), { message: 'lat and lon go together', path: ['lat'] });

export const CaseListQuery = z.strictObject({
  status: z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(CaseStatus))
    .optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  gridId: z.coerce.number().int().positive().optional(),
  channel: CaseChannel.optional(),
  /** Only cases waiting for an action of mine. */
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().max(50).optional(),
  ...PageQuery,
});

export const NoteBody = z.strictObject({ note: Text(4000), internal: z.boolean().default(true) });
export const OptionalNoteBody = z.strictObject({ note: z.string().trim().max(4000).optional() });
export const ReasonBody = z.strictObject({ reason: Text(2000) });
export const ReplyBody = z.strictObject({ reply: Text(4000) });
export const DispatchBody = z.strictObject({
  handlerKind: HandlerKind.optional(),
  handlerNodeId: z.number().int().positive().optional(),
  handlerOrgId: z.number().int().positive().optional(),
  note: z.string().trim().max(2000).optional(),
});
export const BulkDispatchBody = z.strictObject({ caseIds: z.array(z.number().int().positive()).min(1).max(200), note: z.string().trim().max(2000).optional() });
export const RateBody = z.strictObject({ resolved: z.boolean(), satisfaction: Satisfaction, comment: z.string().trim().max(2000).optional() });
export const MergeBody = z.strictObject({ intoCaseId: z.number().int().positive() });
export const WithdrawBody = z.strictObject({ reason: z.string().trim().max(2000).optional() });

export const CaseView = z.object({
  id: z.number(),
  publicId: z.string(),
  status: CaseStatus,
  channel: CaseChannel,
  priority: Priority,
  category: z.object({ id: z.number(), code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  description: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  streetId: z.number(),
  communityId: z.number().nullable(),
  gridId: z.number().nullable(),
  buildingId: z.number().nullable(),
  householdId: z.number().nullable(),
  reporter: z.object({ name: z.string().nullable(), phone: z.string().nullable(), hidden: z.boolean() }),
  handler: z.object({ kind: HandlerKind.nullable(), nodeId: z.number().nullable(), orgId: z.number().nullable(), name: z.string().nullable() }),
  receivedAt: z.date(),
  dueResponseAt: z.date(),
  respondedAt: z.date().nullable(),
  dispatchedAt: z.date().nullable(),
  dueAt: z.date().nullable(),
  repliedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  overdue: z.boolean(),
  supervisionLevel: z.number(),
  reopenCount: z.number(),
  resolution: z.enum(['resolved', 'unresolved']).nullable(),
  ratedResolved: z.boolean().nullable(),
  satisfaction: Satisfaction.nullable(),
  mergedIntoId: z.number().nullable(),
  closeReason: z.string().nullable(),
  version: z.number(),
});

export const TimelineEntry = z.object({
  id: z.number(),
  at: z.date(),
  actorName: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  internal: z.boolean(),
});

export const CaseDetail = z.object({ case: CaseView, timeline: z.array(TimelineEntry), allowedActions: z.array(z.string()) });
