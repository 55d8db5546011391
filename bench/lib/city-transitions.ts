import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { rateCase } from '../../server/modules/cases/rate-case.js';
import { foldRollups } from '../../server/modules/cases/rollups/fold-rollups.js';
import type { DB } from '../../server/platform/db/schema.js';
import type { Actor } from '../../server/platform/permissions/scope.js';
import { table } from './markdown.js';
import { ms, summarize, timed } from './stats.js';

const ROLLUP_TABLES = new Set(['case_rollup_delta']);

/**
 * Times the statement that writes a transition's roll-up changes (the insert into
 * case_rollup_delta that bumpRates sends at commit), from compiling it to its result, so the
 * share of a transition spent on roll-up maintenance is measured inside the real transition with
 * no change to the product's code.
 */
class RollupStatementTimer implements KyselyPlugin {
  spentMs = 0;
  statements = 0;
  private readonly started = new WeakMap<object, number>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === 'InsertQueryNode' && node.into && ROLLUP_TABLES.has(node.into.table.identifier.name)) this.started.set(args.queryId, performance.now());
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const t = this.started.get(args.queryId);
    if (t !== undefined) {
      this.spentMs += performance.now() - t;
      this.statements += 1;
      this.started.delete(args.queryId);
    }
    return args.result;
  }

  reset(): void {
    this.spentMs = 0;
    this.statements = 0;
  }
}

/**
 * Rates `count` replied cases through rateCase (as street staff recording a return visit),
 * alternately satisfied (closes) and dissatisfied (reopens), each its own transaction, and
 * reports the transition with and without its roll-up statement's own time; then the fold that
 * moves those changes into the roll-up tables (what the background round does), timed and shared
 * out over the transitions, so the whole cost of roll-up maintenance is in the table too.
 */
export async function measureTransitions(db: Kysely<DB>, streetActors: Map<number, Actor>, count: number): Promise<string> {
  const replied = await db.selectFrom('cases').select(['id', 'street_id']).where('status', '=', 'replied').orderBy('id', 'desc').limit(count + 5).execute();
  if (replied.length < count + 5) throw new Error(`only ${replied.length} replied cases to rate; generate more cases`);
  await foldRollups(db);
  const timer = new RollupStatementTimer();
  const timedDb = db.withPlugin(timer);
  const whole: number[] = [];
  const rollup: number[] = [];
  const rest: number[] = [];
  const share: number[] = [];
  for (const [i, c] of replied.entries()) {
    timer.reset();
    const [, t] = await timed(() =>
      rateCase(timedDb, { actor: streetActors.get(c.street_id)!, requestId: null, caseId: c.id, resolved: i % 2 === 0, satisfaction: i % 2 === 0 ? 'satisfied' : 'dissatisfied' }),
    );
    if (timer.statements !== 1) throw new Error(`rateCase sent ${timer.statements} roll-up statements, expected 1 (the insert into case_rollup_delta)`);
    if (i < 5) continue; // warm-up: first connections, plans
    whole.push(t);
    rollup.push(timer.spentMs);
    rest.push(t - timer.spentMs);
    share.push(timer.spentMs / (t - timer.spentMs));
  }
  // The warm-up's changes are in the fold too; it is shared out over all the transitions.
  const [moved, foldMs] = await timed(() => foldRollups(db));
  const w = summarize(whole);
  const r = summarize(rollup);
  const x = summarize(rest);
  const s = summarize(share);
  const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const foldEach = foldMs / replied.length;
  const restMean = sum(rest) / rest.length;
  return [
    `Roll-up maintenance in a case transition: rateCase on ${w.count} replied cases (after 5 warm-up), each one transaction (case row, timeline, audit, notices, and at commit one roll-up statement: the insert of its changes into case_rollup_delta). ` +
      'The statement is timed inside the same transitions (a Kysely plugin, compile to result), so "without" is the same transition less its time. ' +
      `Then one fold moved the ${replied.length} transitions' ${moved} delta rows into case_rollup_daily, case_rate_daily and case_rate_monthly, as the background round does: its time shared out over them is the rest of the cost. One writer here.`,
    '',
    table(
      ['measure', 'p50 ms', 'p95 ms', 'note'],
      [
        ['rateCase with roll-up maintenance', ms(w.p50), ms(w.p95), 'the transition as the product runs it'],
        ['the same without the roll-up statement', ms(x.p50), ms(x.p95), 'transition time − roll-up statement'],
        ['the roll-up statement', ms(r.p50), ms(r.p95), 'one INSERT into case_rollup_delta'],
        ['overhead on the transition (roll-up ÷ the rest)', pct(s.p50), pct(s.p95), `over all transitions: ${pct(sum(rollup) / sum(rest))}; aim ≤ 20%`],
        ['the fold, a transition\'s share', ms(foldEach), '', `one fold of ${moved} rows in ${ms(foldMs)} ms, ÷ ${replied.length} transitions, off the transition's path`],
        ['all of it (statement + fold share) ÷ the rest', pct((sum(rollup) / rollup.length + foldEach) / restMean), '', 'means'],
      ],
      [false, true, true, false],
    ),
  ].join('\n');
}
