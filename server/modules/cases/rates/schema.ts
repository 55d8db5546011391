import { z } from 'zod';
import { LocalDay, LocalMonth } from './period.js';

export const RateUnitKind = z.enum(['street', 'community', 'grid', 'department', 'property_company']);

export const RatesQuery = z
  .strictObject({
    unitKind: RateUnitKind,
    unitId: z.coerce.number().int().positive().max(2 ** 53 - 1),
    period: z.enum(['day', 'month']),
    /** YYYY-MM-DD for a day, YYYY-MM for a month (local calendar, Asia/Shanghai). */
    date: z.string().max(10),
  })
  .superRefine((q, ctx) => {
    const parsed = (q.period === 'day' ? LocalDay : LocalMonth).safeParse(q.date);
    if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['date'], message: q.period === 'day' ? 'expected a calendar day YYYY-MM-DD' : 'expected a month YYYY-MM' });
  });

export const RankingQuery = z.strictObject({
  unitKind: RateUnitKind,
  period: z.literal('month').default('month'),
  month: LocalMonth,
});

export const TopQuery = z.strictObject({ date: LocalDay, unitKind: RateUnitKind.default('community') });

const Ratio = z.object({ numerator: z.number(), denominator: z.number(), value: z.number().nullable() });
const Text = z.object({ zh: z.string(), en: z.string() });
const Formulas = z.object({ responseRate: Text, resolutionRate: Text, satisfactionRate: Text });
const Unit = z.object({ kind: RateUnitKind, id: z.number(), name: z.string() });
const Counts = z.object({ received: z.number(), rated: z.number(), overdue: z.number(), reopened: z.number() });
const Rates = { responseRate: Ratio, resolutionRate: Ratio, satisfactionRate: Ratio, counts: Counts };

export const UnitRates = z.object({ unit: Unit, period: z.enum(['day', 'month']), from: z.string(), to: z.string(), ...Rates, formulas: Formulas });

export const Ranking = z.object({
  unitKind: RateUnitKind,
  period: z.literal('month'),
  month: z.string(),
  previousMonth: z.string(),
  rule: Text,
  formulas: Formulas,
  items: z.array(
    z.object({
      rank: z.number().nullable(),
      unit: Unit,
      composite: z.number().nullable(),
      ...Rates,
      previous: z.object({ rank: z.number().nullable(), composite: z.number().nullable(), responseRate: Ratio, resolutionRate: Ratio, satisfactionRate: Ratio }),
      change: z.object({
        rank: z.number().nullable(),
        composite: z.number().nullable(),
        responseRate: z.number().nullable(),
        resolutionRate: z.number().nullable(),
        satisfactionRate: z.number().nullable(),
      }),
    }),
  ),
});

export const TopUnits = z.object({
  unitKind: RateUnitKind,
  date: z.string(),
  rule: Text,
  formulas: Formulas,
  items: z.array(z.object({ position: z.number(), unit: Unit, ...Rates })),
});
