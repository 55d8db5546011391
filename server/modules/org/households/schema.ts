import { z } from 'zod';
import { isValidIdNumber, isValidPhone, normalizeIdNumber, normalizePhone } from '../../../platform/crypto/pii.js';
import { CalendarDate, Instant, PageQuery } from '../../../platform/http/schemas.js';

export const Housing = z.enum(['owned', 'rented', 'public', 'other']);
export const Gender = z.enum(['male', 'female', 'unknown']);
export const PoliticalStatus = z.enum(['cpc_member', 'cpc_probationary', 'cyl_member', 'democratic_party', 'masses']);
export const Relationship = z.enum(['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'child_in_law', 'tenant', 'other']);
export const VisitMethod = z.enum(['home', 'phone', 'online', 'other']);

const TagCodes = z.array(z.string().regex(/^[a-z0-9_]{2,40}$/)).max(20);
const Area = z
  .union([z.number(), z.string().regex(/^\d{1,8}(\.\d{1,2})?$/)])
  .transform((v) => Number(Number(v).toFixed(2)))
  .refine((v) => Number.isFinite(v) && v >= 0.01 && v <= 99_999_999.99, 'area must be between 0.01 and 99,999,999.99 m²')
  .transform((v) => v.toFixed(2));

export const IdNumberField = z
  .string()
  .trim()
  .transform(normalizeIdNumber)
  .refine(isValidIdNumber, 'not a valid identity number (GB 11643 check digit)');
export const PhoneField = z.string().trim().transform(normalizePhone).refine(isValidPhone, 'not a valid phone number');
const DateOnly = CalendarDate;

export const HouseholdFields = {
  housing: Housing,
  areaM2: Area.nullable(),
  tags: TagCodes,
  notes: z.string().trim().max(2000).nullable(),
};

export const CreateHouseholdBody = z.strictObject({
  buildingId: z.number().int().positive(),
  unit: z.string().trim().max(20).default(''),
  room: z.string().trim().min(1).max(20),
  housing: Housing,
  areaM2: Area.nullable().optional(),
  tags: TagCodes.default([]),
  notes: z.string().trim().max(2000).nullable().optional(),
});

export const UpdateHouseholdBody = z.strictObject({
  version: z.number().int().positive(),
  housing: Housing.optional(),
  areaM2: Area.nullable().optional(),
  tags: TagCodes.optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
});

export const ResidentFields = z.strictObject({
  name: z.string().trim().min(1).max(50),
  gender: Gender,
  birthDate: DateOnly.nullable().optional(),
  idNumber: IdNumberField.nullable().optional(),
  phone: PhoneField.nullable().optional(),
  politicalStatus: PoliticalStatus.default('masses'),
  tags: TagCodes.default([]),
});
export type ResidentInput = z.infer<typeof ResidentFields>;

export const UpdateResidentBody = z.strictObject({
  version: z.number().int().positive(),
  name: z.string().trim().min(1).max(50).optional(),
  gender: Gender.optional(),
  birthDate: DateOnly.nullable().optional(),
  idNumber: IdNumberField.nullable().optional(),
  phone: PhoneField.nullable().optional(),
  politicalStatus: PoliticalStatus.optional(),
  tags: TagCodes.optional(),
});

export const AddMemberBody = z.union([
  z.strictObject({ residentId: z.number().int().positive(), relationship: Relationship }),
  z.strictObject({ resident: ResidentFields, relationship: Relationship }),
]);

export const HouseholdQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  tags: z
    .string()
    .max(400)
    .transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean))
    .pipe(TagCodes)
    .optional(),
  phone: PhoneField.optional(),
  nodeId: z.coerce.number().int().positive().optional(),
  ...PageQuery,
});

export const ResidentQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  phone: PhoneField.optional(),
  idNumber: IdNumberField.optional(),
  tags: HouseholdQuery.shape.tags,
  ...PageQuery,
});

export const VisitBody = z.strictObject({
  visitedAt: Instant,
  method: VisitMethod,
  notes: z.string().trim().max(4000).default(''),
  followUp: z.string().trim().max(2000).nullable().optional(),
  followUpDue: DateOnly.nullable().optional(),
});

export const RevealBody = z.strictObject({ field: z.enum(['idNumber', 'phone']) });

export const HouseholdListItem = z.object({
  id: z.number(),
  address: z.string(),
  unit: z.string(),
  room: z.string(),
  housing: Housing,
  areaM2: z.string().nullable(),
  tags: z.array(z.string()),
  headName: z.string().nullable(),
  memberCount: z.number(),
  lastVisitAt: z.date().nullable(),
  buildingId: z.number(),
  gridId: z.number(),
  communityId: z.number(),
});

export const MemberView = z.object({
  residentId: z.number(),
  name: z.string(),
  gender: Gender,
  birthDate: z.string().nullable(),
  relationship: Relationship,
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  politicalStatus: PoliticalStatus,
  tags: z.array(z.string()),
  version: z.number(),
});

export const VisitView = z.object({
  id: z.number(),
  visitedAt: z.date(),
  method: VisitMethod,
  visitorName: z.string(),
  notes: z.string(),
  followUp: z.string().nullable(),
  followUpDue: z.string().nullable(),
});

const NamedRef = z.object({ id: z.number(), name: z.string() });
export const HouseholdDetail = z.object({
  household: z.object({
    id: z.number(),
    address: z.string(),
    unit: z.string(),
    room: z.string(),
    housing: Housing,
    areaM2: z.string().nullable(),
    tags: z.array(z.string()),
    notes: z.string().nullable(),
    version: z.number(),
    building: NamedRef,
    grid: NamedRef,
    community: NamedRef,
  }),
  members: z.array(MemberView),
  visits: z.array(VisitView),
});

export const ResidentView = MemberView.omit({ relationship: true }).extend({
  households: z.array(z.object({ id: z.number(), address: z.string(), relationship: Relationship })),
});

export const CoverageRow = z.object({ id: z.number(), name: z.string(), households: z.number(), visited: z.number(), coverage: z.number() });
export const CoverageReport = z.object({
  since: z.date(),
  communities: z.array(CoverageRow),
  grids: z.array(CoverageRow.extend({ communityId: z.number() })),
});
