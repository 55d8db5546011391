import type { Kysely } from 'kysely';
import type { PiiCipher } from '../../platform/crypto/pii.js';
import type { DB } from '../../platform/db/schema.js';
import type { CaseChannel } from '../../platform/db/schema-cases.js';
import { AppError } from '../../platform/errors.js';
import { findActorByUserId } from '../../platform/identity/session-repository.js';
import type { Actor } from '../../platform/permissions/scope.js';
import { acceptCase } from '../cases/accept-case.js';
import { DEFAULT_DATA_FILES, readExamples } from '../cases/catalogue/training-data.js';
import { closeUnresolved } from '../cases/close-case.js';
import { dispatchCase } from '../cases/dispatch-case.js';
import { replyToCase, takeCase } from '../cases/handle-case.js';
import { rateCase } from '../cases/rate-case.js';
import { submitCase } from '../cases/submit-case.js';
import { createApiKey } from '../open311/api-keys.js';
import { Random } from './random.js';

export const DEMO_OPEN311_KEY = 'gongzhi-demo-key';

const REPLIES = ['已派人现场处理完毕，并告知居民。', '已协调相关单位完成整改。', '已联系居民说明情况并处理。', '问题已解决，后续加强巡查。'];

/**
 * Cases on the demo street, taken through the real use cases so every counter, timeline entry
 * and audit row is what the workflow writes: some waiting, some with departments, some answered
 * and rated. Texts come from the held-out labelled demands of each category.
 */
export async function seedDemoCases(options: { db: Kysely<DB>; cipher: PiiCipher; count?: number; seed?: number }): Promise<{ cases: number; closed: number }> {
  const { db, cipher } = options;
  const rand = new Random(options.seed ?? 20_241_124);
  const users = await db.selectFrom('app_user').select(['id', 'username']).where('is_demo', '=', true).execute();
  const actorOf = async (username: string): Promise<Actor> => {
    const id = users.find((u) => u.username === username)?.id;
    const actor = id ? await findActorByUserId(db, id) : null;
    if (!actor) throw new Error(`demo account ${username} is missing`);
    return actor;
  };
  const [admin, resident, dept, property, grid] = await Promise.all(['street_admin', 'resident', 'dept_handler', 'property_handler', 'grid_worker'].map(actorOf));
  const street = await db.selectFrom('org_node').select('id').where('kind', '=', 'street').orderBy('id').executeTakeFirstOrThrow();
  await createApiKey(db, { name: 'demo', streetId: street.id, key: DEMO_OPEN311_KEY, isDemo: true });

  const categories = await db.selectFrom('case_category').select(['id', 'code', 'handler_kind', 'department']).where('response_minutes', 'is not', null).where('active', '=', true).execute();
  const texts = readExamples(DEFAULT_DATA_FILES.heldout);
  const byCode = new Map(categories.map((c) => [c.code, c.id]));
  const usable = texts.filter((t) => byCode.has(t.category));
  const buildings = await db.selectFrom('org_node').select('id').where('kind', '=', 'building').orderBy('id').execute();
  const gridBuildings = await db.selectFrom('org_node').select('id').where('kind', '=', 'building').where('path', 'like', `%/${grid!.roles[0]!.orgNodeId}/%`).execute();
  const channels: CaseChannel[] = ['resident_app', 'phone', 'hotline', 'hotline', 'visit'];
  const count = options.count ?? 120;
  let closed = 0;
  for (let i = 0; i < count; i++) {
    const text = rand.pick(usable);
    const inMyGrid = i % 4 === 0;
    const channel = inMyGrid && i % 8 === 0 ? 'resident_app' : rand.pick(channels);
    const building = rand.pick(inMyGrid ? gridBuildings : buildings);
    const reporterActor = channel === 'resident_app' ? resident! : admin!;
    const base = { actor: reporterActor, requestId: null };
    const c = await submitCase(db, cipher, {
      ...base,
      channel,
      categoryId: byCode.get(text.category)!,
      description: text.text,
      ...(channel === 'resident_app' ? {} : { buildingId: building.id, reporter: { name: `居民${i + 1}` } }),
    });
    const stage = rand.float();
    if (stage < 0.25) continue;
    const staff = { actor: admin!, requestId: null, caseId: c.id };
    await acceptCase(db, staff);
    if (stage < 0.35) continue;
    try {
      const d = await dispatchCase(db, staff);
      const handler = d.handler_org_id === dept!.organisationId ? dept : d.handler_org_id === property!.organisationId ? property : d.handler_node_id === grid!.roles[0]!.orgNodeId ? grid : null;
      if (!handler || stage < 0.5) continue;
      const h = { actor: handler, requestId: null, caseId: c.id };
      await takeCase(db, h);
      if (stage < 0.6) continue;
      await replyToCase(db, { ...h, reply: rand.pick(REPLIES) });
      const r = rand.float();
      const satisfaction = r < 0.7 ? 'satisfied' : r < 0.9 ? 'basically_satisfied' : 'dissatisfied';
      await rateCase(db, { actor: c.reporter_user_id ? resident! : admin!, requestId: null, caseId: c.id, resolved: satisfaction !== 'dissatisfied', satisfaction });
      if (satisfaction !== 'dissatisfied') closed += 1;
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'NO_HANDLER') throw err;
      await closeUnresolved(db, { ...staff, reason: '辖区内暂无对应承办单位，已转区级热线' });
      closed += 1;
    }
  }
  // Make sure each demo handler opens the app to work waiting in their queue.
  const waiting = [
    { actor: dept!, handler: { kind: 'department' as const, orgId: dept!.organisationId }, match: (c: Category) => c.department === '城管执法队', pool: buildings },
    { actor: property!, handler: { kind: 'property_company' as const, orgId: property!.organisationId }, match: (c: Category) => c.handler_kind === 'property_company', pool: await estateBuildings(db, property!.organisationId!) },
    { actor: grid!, handler: { kind: 'grid' as const, nodeId: grid!.roles[0]!.orgNodeId }, match: (c: Category) => c.handler_kind === 'grid', pool: gridBuildings },
  ];
  let extra = 0;
  for (const w of waiting) {
    const codes = new Set(categories.filter(w.match).map((c) => c.code));
    const pool = usable.filter((t) => codes.has(t.category));
    for (let i = 0; i < 4 && pool.length && w.pool.length; i++) {
      const text = rand.pick(pool);
      const c = await submitCase(db, cipher, { actor: admin!, requestId: null, channel: 'hotline', categoryId: byCode.get(text.category)!, description: text.text, buildingId: rand.pick(w.pool).id, reporter: { name: `来电居民${i + 1}` } });
      await acceptCase(db, { actor: admin!, requestId: null, caseId: c.id });
      await dispatchCase(db, { actor: admin!, requestId: null, caseId: c.id, handler: w.handler });
      if (i === 0) await takeCase(db, { actor: w.actor, requestId: null, caseId: c.id });
      extra += 1;
    }
  }
  return { cases: count + extra, closed };
}

type Category = { code: string; handler_kind: string | null; department: string | null };

async function estateBuildings(db: Kysely<DB>, organisationId: number) {
  return db
    .selectFrom('org_node as b')
    .innerJoin('property_service as ps', 'ps.estate_id', 'b.estate_id')
    .select('b.id')
    .where('ps.organisation_id', '=', organisationId)
    .execute();
}
