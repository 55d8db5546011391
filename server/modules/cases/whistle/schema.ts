import { z } from 'zod';
import { PageQuery } from '../../../platform/http/schemas.js';
import { LocalDay } from '../rates/period.js';

export const WhistleKind = z.enum(['routine', 'tough', 'emergency']);
export const WhistleStatus = z.enum(['open', 'closed']);

const Text = (max: number) => z.string().trim().min(1).max(max);

/** 吹哨: on a case, or on a place (free text, optionally pinned to an org node in my scope). */
export const BlowWhistleBody = z
  .strictObject({
    kind: WhistleKind,
    reason: Text(2000),
    caseId: z.number().int().positive().optional(),
    place: Text(300).optional(),
    orgNodeId: z.number().int().positive().optional(),
    departmentIds: z.array(z.number().int().positive()).min(1).max(50),
  })
  .refine((b) => b.caseId !== undefined || b.place !== undefined, { message: 'a whistle is blown on a case or a place', path: ['place'] })
  .refine((b) => b.caseId === undefined || b.orgNodeId === undefined, { message: 'a whistle on a case takes the case\'s place', path: ['orgNodeId'] })
  .refine((b) => new Set(b.departmentIds).size === b.departmentIds.length, { message: 'each department once', path: ['departmentIds'] });

export const CheckInBody = z.strictObject({ peopleSent: Text(1000) });
export const CloseWhistleBody = z.strictObject({ summary: Text(4000) });
export const RateDepartmentBody = z.strictObject({
  departmentId: z.number().int().positive(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});

const Minutes = z.number().int().min(1).max(30 * 24 * 60);
export const WhistleLimitsBody = z
  .strictObject({ routine: Minutes.optional(), tough: Minutes.optional(), emergency: Minutes.optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'set at least one kind' });
export const WhistleLimits = z.object({ routine: z.number(), tough: z.number(), emergency: z.number() });

export const WhistleListQuery = z.strictObject({
  status: WhistleStatus.optional(),
  kind: WhistleKind.optional(),
  caseId: z.coerce.number().int().positive().optional(),
  ...PageQuery,
});

export const DepartmentStatsQuery = z
  .strictObject({ from: LocalDay.optional(), to: LocalDay.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

const Person = z.object({ id: z.number(), name: z.string() }).nullable();

export const WhistleSummary = z.object({
  id: z.number(),
  kind: WhistleKind,
  status: WhistleStatus,
  reason: z.string(),
  place: z.string().nullable(),
  caseId: z.number().nullable(),
  casePublicId: z.string().nullable(),
  streetId: z.number(),
  orgNodeId: z.number(),
  orgNodeName: z.string(),
  blownBy: Person,
  blownAt: z.date(),
  checkinDueAt: z.date(),
  closedAt: z.date().nullable(),
  summoned: z.number(),
  checkedIn: z.number(),
  onTime: z.number(),
});

export const SummonsView = z.object({
  departmentId: z.number(),
  departmentName: z.string(),
  checkedIn: z.boolean(),
  checkedInAt: z.date().nullable(),
  checkedInBy: Person,
  peopleSent: z.string().nullable(),
  /** Whole minutes from the whistle to the check-in. */
  minutesToCheckIn: z.number().nullable(),
  onTime: z.boolean().nullable(),
  /** Closed without this department ever checking in. */
  absent: z.boolean(),
  rating: z.number().nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: z.date().nullable(),
});

export const WhistleDetail = z.object({
  whistle: WhistleSummary.extend({ closedBy: Person, summary: z.string().nullable() }),
  summons: z.array(SummonsView),
  allowedActions: z.array(z.enum(['check_in', 'close', 'rate'])),
});

const Ratio = z.object({ numerator: z.number(), denominator: z.number(), value: z.number().nullable() });

export const DepartmentStats = z.object({
  from: z.string(),
  to: z.string(),
  formulas: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
  items: z.array(
    z.object({
      departmentId: z.number(),
      departmentName: z.string(),
      summoned: z.number(),
      checkedIn: z.number(),
      onTime: z.number(),
      checkInRate: Ratio,
      onTimeRate: Ratio,
      averageRating: Ratio,
    }),
  ),
});
