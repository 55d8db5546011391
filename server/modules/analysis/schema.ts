import { z } from 'zod';
import { LocalDay, LocalMonth } from '../cases/rates/period.js';
import { Ranking, RateUnitKind, TopUnits, UnitRates } from '../cases/rates/schema.js';
import { WhistleKind, WhistleSummary } from '../cases/whistle/schema.js';
import { IsoWeek, PeriodParam, daysBetween } from './periods.js';

export const MAX_HOT_WORD_DAYS = 92;

/** An area unit as `kind:id`: `street:12`, `community:34`, `grid:56`. */
export const UnitParam = z
  .string()
  .max(40)
  .regex(/^(street|community|grid):[1-9]\d{0,15}$/, 'expected street:<id>, community:<id> or grid:<id>')
  .transform((s) => {
    const [kind, id] = s.split(':') as ['street' | 'community' | 'grid', string];
    return { kind, id: Number(id) };
  })
  .refine((u) => Number.isSafeInteger(u.id), 'the id is too large');

export const DailyQuery = z.strictObject({ date: LocalDay, unit: UnitParam });
export const WeeklyQuery = z.strictObject({ week: IsoWeek, unit: UnitParam });
export const MonthlyQuery = z.strictObject({ month: LocalMonth, unit: UnitParam, unitKind: RateUnitKind.default('community') });
export const HotWordsQuery = z
  .strictObject({ from: LocalDay, to: LocalDay, unit: UnitParam })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to must not be before from' })
  .refine((q) => daysBetween(q.from, q.to) < MAX_HOT_WORD_DAYS, { path: ['to'], message: `at most ${MAX_HOT_WORD_DAYS} days` });
export const DashboardQuery = z.strictObject({
  /** The org node id of a street, community or grid. */
  unit: z.string().regex(/^[1-9]\d{0,15}$/, 'expected the id of a street, community or grid').transform(Number).refine(Number.isSafeInteger, 'the id is too large'),
  period: PeriodParam,
});
export const SubscribeBody = z.strictObject({ unit: UnitParam, categoryId: z.number().int().positive().max(2 ** 53 - 1).nullable().default(null) });

const Text = TopUnits.shape.rule;
const Ratio = UnitRates.shape.responseRate;
const AreaKind = z.enum(['street', 'community', 'grid']);
export const Unit = z.object({ kind: AreaKind, id: z.number(), name: z.string() });
const Category = z.object({ id: z.number(), code: z.string(), nameZh: z.string(), nameEn: z.string() });

const Warning = z.object({
  id: z.number(),
  day: z.string(),
  grid: z.object({ id: z.number(), name: z.string() }),
  category: Category,
  count: z.number(),
  baseline: z.number(),
  baselineDays: z.number(),
  pValue: z.number(),
  threshold: z.object({ pValue: z.number(), minCount: z.number(), baselineDays: z.number() }),
  rule: z.string(),
  raisedAt: z.string(),
  why: Text,
});

export const DailyAnalysis = z.object({
  unit: Unit,
  date: z.string(),
  volume: z.object({
    received: z.number(),
    sameWeekday: z.array(z.object({ date: z.string(), received: z.number() })),
    sameWeekdayMean: z.number(),
    change: z.number(),
    changeRatio: z.number().nullable(),
  }),
  hotCategories: z.array(
    z.object({ category: Category, received: z.number(), sameWeekday: z.array(z.number()), sameWeekdayMean: z.number(), change: z.number(), changeRatio: z.number().nullable() }),
  ),
  topUnits: z.object({ unitKind: AreaKind.nullable(), rule: Text, formulas: TopUnits.shape.formulas, items: TopUnits.shape.items }),
  warnings: z.object({ rule: Text, items: z.array(Warning) }),
});

const ClassProblems = z.object({
  rule: Text,
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      place: z.object({ kind: z.string(), id: z.number(), name: z.string() }),
      category: Category,
      count: z.number(),
      firstAt: z.string(),
      lastAt: z.string(),
      publicIds: z.array(z.string()),
    }),
  ),
});

const RateName = z.enum(['responseRate', 'resolutionRate', 'satisfactionRate']);

export const WeeklyAnalysis = z.object({
  unit: Unit,
  week: z.string(),
  from: z.string(),
  to: z.string(),
  overdue: z.object({
    asOf: z.string(),
    total: z.number(),
    limit: z.number(),
    items: z.array(
      z.object({
        id: z.number(),
        publicId: z.string(),
        categoryId: z.number(),
        gridId: z.number().nullable(),
        status: z.string(),
        receivedAt: z.string(),
        dueAt: z.string(),
        supervisionLevel: z.number(),
        handlerKind: z.string().nullable(),
        handlerOrgId: z.number().nullable(),
      }),
    ),
  }),
  classProblems: ClassProblems,
  fallingBehind: z.object({
    rule: Text,
    formulas: TopUnits.shape.formulas,
    street: z.object({ responseRate: Ratio, resolutionRate: Ratio, satisfactionRate: Ratio }),
    items: z.array(z.object({ unit: Unit, rate: RateName, value: Ratio, streetValue: Ratio, gap: z.number() })),
  }),
});

export const MonthlyAnalysis = z.object({
  unit: Unit,
  month: z.string(),
  from: z.string(),
  to: z.string(),
  ranking: Ranking,
  priorityCandidates: z.object({ rule: Text, classProblemRule: Text, items: ClassProblems.shape.items }),
});

const Period = z.object({ from: z.string(), to: z.string(), received: z.number(), read: z.number() });

export const HotWords = z.object({
  unit: Unit,
  current: Period,
  previous: Period,
  sample: z.object({ limit: z.number(), truncated: z.boolean(), note: Text }),
  trendRule: Text,
  items: z.array(
    z.object({
      term: z.string(),
      count: z.number(),
      share: z.number(),
      previousCount: z.number(),
      previousShare: z.number(),
      change: z.number(),
      trend: z.enum(['new', 'rising', 'steady', 'falling']),
    }),
  ),
});

export const Subscription = z.object({ id: z.number(), unit: Unit, categoryId: z.number().nullable(), createdAt: z.string() });
export const SubscriptionList = z.object({ items: z.array(Subscription) });
export const SubscriptionCreated = z.object({ created: z.boolean(), subscription: Subscription });

const Counts = UnitRates.shape.counts;

export const Dashboard = z.object({
  unit: Unit,
  period: z.object({ kind: z.enum(['day', 'week', 'month']), spec: z.string(), from: z.string(), to: z.string() }),
  asOf: z.string(),
  grids: z.object({
    rule: Text,
    items: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        community: z.object({ id: z.number(), name: z.string() }).nullable(),
        /** GeoJSON Polygon or MultiPolygon, as the org tree stores it. */
        boundary: z.unknown().nullable(),
        received: z.number(),
        overdue: z.number(),
        openOverdue: z.number(),
      }),
    ),
  }),
  trend: z.object({
    from: z.string(),
    to: z.string(),
    rule: Text,
    items: z.array(z.object({ day: z.string(), received: z.number(), resolved: z.number(), overdue: z.number() })),
  }),
  rates: z.object({ responseRate: Ratio, resolutionRate: Ratio, satisfactionRate: Ratio, counts: Counts, formulas: TopUnits.shape.formulas }),
  ranking: z.object({
    unitKind: AreaKind.nullable(),
    rule: Text,
    items: z.array(z.object({ rank: z.number().nullable(), unit: Unit, composite: z.number().nullable(), responseRate: Ratio, resolutionRate: Ratio, satisfactionRate: Ratio, counts: Counts })),
  }),
  whistles: z
    .object({
      rule: Text,
      open: z.array(z.object({ kind: WhistleKind, open: z.number(), summoned: z.number(), checkedIn: z.number(), lateNotCheckedIn: z.number() })),
      checkIn: z.object({
        summoned: z.number(),
        checkedIn: z.number(),
        onTime: z.number(),
        checkInRate: Ratio,
        onTimeRate: Ratio,
        formulas: z.object({ checkInRate: Text, onTimeRate: Text }),
      }),
      recent: z.object({ total: z.number(), items: z.array(WhistleSummary) }),
    })
    .nullable(),
});
