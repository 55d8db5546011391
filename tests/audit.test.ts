import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../scripts/verify-audit.js';
import { verifyAuditChain } from '../server/platform/audit/verify-audit.js';
import { bearer, login, makeNode, makeResident, makeStreet, makeUser, TEST_PASSWORD } from './helpers/factories.js';
import { insertHousehold } from './helpers/permission-world.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof makeStreet>>;
let admin: { id: number; username: string };
let adminToken: string;

beforeAll(async () => {
  t = await createTestApp();
  s = await makeStreet(t.ctx.db);
  admin = await makeUser(t.ctx.db, [{ role: 'street_admin', node: s.street }]);
  adminToken = await login(t.app, admin.username);
});
afterAll(() => t?.close());

let seq = 0;
const requestId = () => `audit-test-${++seq}`;

async function counts() {
  const { rows } = await sql<Record<string, number>>`select
      (select count(*)::int from audit_log) as audit, (select count(*)::int from household) as household,
      (select count(*)::int from resident) as resident, (select count(*)::int from household_member) as member,
      (select count(*)::int from visit) as visit, (select count(*)::int from org_node) as node`.execute(t.ctx.db);
  return rows[0]!;
}

const auditRows = (id: string) => t.ctx.db.selectFrom('audit_log').selectAll().where('request_id', '=', id).execute();

/** Disables the append-only triggers the way someone with rights on the database could. */
async function asAttacker(work: () => Promise<unknown>) {
  await sql`alter table audit_log disable trigger user`.execute(t.ctx.db);
  try {
    await work();
  } finally {
    await sql`alter table audit_log enable trigger user`.execute(t.ctx.db);
  }
}

interface Write {
  name: string;
  prepare(): Promise<{ request: InjectOptions; token?: string | null; actor?: string; action: string; targetType: string; targetId: (body: any) => string; chain?: number }>;
}

const household = () => insertHousehold(t.ctx.db, s.buildingA);
const withResident = async () => {
  const h = await household();
  return { h, r: await makeResident(t.ctx.db, t.ctx.cipher, h) };
};

const WRITES: Write[] = [
  { name: 'POST /api/org/nodes', prepare: async () => ({ request: { method: 'POST', url: '/api/org/nodes', payload: { parentId: s.gridA.id, code: `A${++seq}`, name: '新楼' } }, action: 'org.node_created', targetType: 'org_node', targetId: (b) => String(b.id) }) },
  {
    name: 'PATCH /api/org/nodes/:id',
    prepare: async () => {
      const node = await makeNode(t.ctx.db, s.gridA, 'building');
      return { request: { method: 'PATCH', url: `/api/org/nodes/${node.id}`, payload: { name: '改名' } }, action: 'org.node_updated', targetType: 'org_node', targetId: () => String(node.id) };
    },
  },
  { name: 'POST /api/households', prepare: async () => ({ request: { method: 'POST', url: '/api/households', payload: { buildingId: s.buildingA.id, room: `R${++seq}`, housing: 'owned' } }, action: 'household.created', targetType: 'household', targetId: (b) => String(b.id) }) },
  {
    name: 'PATCH /api/households/:id',
    prepare: async () => {
      const h = await household();
      return { request: { method: 'PATCH', url: `/api/households/${h.id}`, payload: { version: 1, housing: 'rented' } }, action: 'household.updated', targetType: 'household', targetId: () => String(h.id) };
    },
  },
  {
    name: 'POST /api/households/:id/members (new resident)',
    prepare: async () => {
      const h = await household();
      return { request: { method: 'POST', url: `/api/households/${h.id}/members`, payload: { relationship: 'head', resident: { name: '新人', gender: 'male' } } }, action: 'resident.created', targetType: 'household', targetId: () => String(h.id) };
    },
  },
  {
    name: 'POST /api/households/:id/members (existing resident)',
    prepare: async () => {
      const { r } = await withResident();
      const h = await household();
      return { request: { method: 'POST', url: `/api/households/${h.id}/members`, payload: { relationship: 'tenant', residentId: r.id } }, action: 'household.member_added', targetType: 'household', targetId: () => String(h.id) };
    },
  },
  {
    name: 'DELETE /api/households/:id/members/:residentId',
    prepare: async () => {
      const { h, r } = await withResident();
      return { request: { method: 'DELETE', url: `/api/households/${h.id}/members/${r.id}` }, action: 'household.member_removed', targetType: 'household', targetId: () => String(h.id) };
    },
  },
  {
    name: 'PATCH /api/residents/:id',
    prepare: async () => {
      const { r } = await withResident();
      return { request: { method: 'PATCH', url: `/api/residents/${r.id}`, payload: { version: 1, politicalStatus: 'cpc_member' } }, action: 'resident.updated', targetType: 'resident', targetId: () => String(r.id) };
    },
  },
  {
    name: 'POST /api/residents/:id/reveal',
    prepare: async () => {
      const { r } = await withResident();
      return { request: { method: 'POST', url: `/api/residents/${r.id}/reveal`, payload: { field: 'idNumber' } }, action: 'resident.revealed', targetType: 'resident', targetId: () => String(r.id) };
    },
  },
  {
    name: 'POST /api/households/:id/visits',
    prepare: async () => {
      const h = await household();
      return { request: { method: 'POST', url: `/api/households/${h.id}/visits`, payload: { visitedAt: new Date().toISOString(), method: 'phone' } }, action: 'visit.recorded', targetType: 'household', targetId: () => String(h.id) };
    },
  },
  { name: 'POST /api/auth/login', prepare: async () => ({ request: { method: 'POST', url: '/api/auth/login', payload: { username: admin.username, password: TEST_PASSWORD } }, token: null, action: 'auth.login', targetType: 'session', targetId: () => expect.any(String) as never, chain: 0 }) },
  { name: 'POST /api/auth/login (wrong password)', prepare: async () => ({ request: { method: 'POST', url: '/api/auth/login', payload: { username: admin.username, password: 'wrong-password' } }, token: null, action: 'auth.login_failed', targetType: 'user', targetId: () => String(admin.id), chain: 0 }) },
  { name: 'POST /api/auth/logout', prepare: async () => ({ request: { method: 'POST', url: '/api/auth/logout' }, token: await login(t.app, admin.username), action: 'auth.logout', targetType: 'session', targetId: () => expect.any(String) as never, chain: 0 }) },
  {
    name: 'POST /api/auth/password',
    prepare: async () => {
      const user = await makeUser(t.ctx.db, [{ role: 'grid_worker', node: s.gridA }]);
      return { request: { method: 'POST', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'another-long-passphrase' } }, token: await login(t.app, user.username), actor: user.username, action: 'auth.password_changed', targetType: 'user', targetId: () => String(user.id), chain: 0 };
    },
  },
];

describe('every write leaves its audit row in the same transaction', () => {
  it.each(WRITES.map((w) => [w.name, w] as const))('%s', async (_name, write) => {
    const p = await write.prepare();
    const id = requestId();
    const token = p.token === undefined ? adminToken : p.token;
    const res = await t.app.inject({ ...p.request, headers: { 'x-request-id': id, ...(token ? bearer(token) : {}) } });
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect(res.headers['x-request-id']).toBe(id);
    const rows = await auditRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_name: p.actor ?? admin.username,
      action: p.action,
      target_type: p.targetType,
      target_id: p.targetId(res.statusCode === 204 ? null : res.json()),
      chain: p.chain ?? s.street.id,
      request_id: id,
    });
  });

  it('uses the generated request id when the client sends none', async () => {
    const h = await household();
    const res = await t.app.inject({ method: 'POST', url: `/api/households/${h.id}/visits`, headers: bearer(adminToken), payload: { visitedAt: new Date().toISOString(), method: 'home' } });
    expect(res.statusCode).toBe(201);
    const generated = res.headers['x-request-id'] as string;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(await auditRows(generated)).toHaveLength(1);
  });

  it.each([
    ['a body that fails validation', async () => ({ method: 'POST', url: '/api/households', payload: { buildingId: s.buildingA.id, room: '', housing: 'castle' } })],
    ['an unknown field', async () => ({ method: 'PATCH', url: `/api/households/${(await household()).id}`, payload: { version: 1, color: 'red' } })],
    ['a stale version', async () => ({ method: 'PATCH', url: `/api/households/${(await household()).id}`, payload: { version: 7, notes: 'x' } })],
    ['an unknown tag', async () => ({ method: 'PATCH', url: `/api/households/${(await household()).id}`, payload: { version: 1, tags: ['not_a_tag'] } })],
    // The resident row is inserted before the second head is found: the rollback must take both.
    ['a second head (after the resident row was written)', async () => ({ method: 'POST', url: `/api/households/${(await withResident()).h.id}/members`, payload: { relationship: 'head', resident: { name: '第二户长', gender: 'female' } } })],
    ['a duplicate identity number', async () => {
      const { r } = await withResident();
      const other = await withResident();
      return { method: 'PATCH', url: `/api/residents/${other.r.id}`, payload: { version: 1, idNumber: r.idNumber } };
    }],
  ] as const)('%s changes nothing and writes no audit row', async (_label, build) => {
    const request = (await build()) as InjectOptions;
    const before = await counts();
    const id = requestId();
    const res = await t.app.inject({ ...request, headers: { 'x-request-id': id, ...bearer(adminToken) } });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(await counts()).toEqual(before);
    expect(await auditRows(id)).toEqual([]);
  });
});

describe('hash chain', () => {
  /** The street's rows in the lane that holds most of them, in chain order (migration 008: one chain per lane). */
  const busiestChain = async () => {
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('chain', '=', s.street.id).orderBy('lane').orderBy('seq').execute();
    const byLane = new Map<number, typeof rows>();
    for (const r of rows) byLane.set(r.lane, [...(byLane.get(r.lane) ?? []), r]);
    return [...byLane.values()].sort((a, b) => b.length - a.length)[0]!;
  };
  const verify = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: bearer(adminToken) });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('verifies after many writes', async () => {
    const h = await household();
    for (let i = 0; i < 40; i++) {
      const res = await t.app.inject({ method: 'POST', url: `/api/households/${h.id}/visits`, headers: bearer(adminToken), payload: { visitedAt: new Date().toISOString(), method: 'home', notes: `第${i}次` } });
      expect(res.statusCode).toBe(201);
      const upd = await t.app.inject({ method: 'PATCH', url: `/api/households/${h.id}`, headers: bearer(adminToken), payload: { version: i + 1, notes: `备注 ${i} — ünïcödé 🏠` } });
      expect(upd.statusCode).toBe(200);
    }
    const total = (await counts()).audit;
    expect(total).toBeGreaterThan(80);
    // A street admin verifies their street's chain; the platform chain (sign-ins) is the district's.
    const streetRows = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('chain', '=', s.street.id).executeTakeFirstOrThrow();
    expect(Number(streetRows.n)).toBeGreaterThan(80);
    expect(Number(streetRows.n)).toBeLessThan(total!);
    expect(await verify()).toEqual({ ok: true, rowsChecked: Number(streetRows.n), chains: 1, firstBroken: null });
  });

  it.each([
    ['summary', sql`summary = summary || '{"forged":true}'::jsonb`],
    ['actor_name', sql`actor_name = 'someone-else'`],
    ['at', sql`at = at + interval '1 second'`],
  ] as const)('names exactly the row whose %s was changed, as hash_mismatch', async (_column, change) => {
    const chain = await busiestChain();
    const victim = chain[Math.floor(chain.length / 2)]!;
    const original = await t.ctx.db.selectFrom('audit_log').selectAll().where('id', '=', victim.id).executeTakeFirstOrThrow();
    await asAttacker(() => sql`update audit_log set ${change} where id = ${victim.id}`.execute(t.ctx.db));
    try {
      expect((await verify()).firstBroken).toEqual({ id: victim.id, chain: s.street.id, lane: victim.lane, seq: victim.seq, reason: 'hash_mismatch' });
      const lines: string[] = [];
      expect(await verifyAudit(t.ctx.db, (l) => lines.push(l))).toBe(1);
      expect(lines[0]).toContain(`row ${victim.id}`);
      expect(JSON.parse(lines[1]!).firstBroken.id).toBe(victim.id);
    } finally {
      await asAttacker(() =>
        t.ctx.db.updateTable('audit_log').set({ summary: JSON.stringify(original.summary), actor_name: original.actor_name, at: original.at }).where('id', '=', victim.id).execute(),
      );
    }
    expect((await verify()).ok).toBe(true);
  });

  it('names the row after one deleted from the middle', async () => {
    const chain = await busiestChain();
    expect(chain.length).toBeGreaterThan(3);
    const i = Math.floor(chain.length / 3);
    const [gone, next] = [chain[i]!, chain[i + 1]!];
    await asAttacker(() => t.ctx.db.deleteFrom('audit_log').where('id', '=', gone.id).execute());
    try {
      const broken = (await verifyAuditChain(t.ctx.db)).firstBroken;
      expect(broken).toMatchObject({ id: next.id, chain: s.street.id, lane: next.lane, seq: next.seq });
      expect(['sequence_gap', 'prev_hash_mismatch']).toContain(broken!.reason);
    } finally {
      const { id, ...rest } = gone;
      await sql`insert into audit_log (id, chain, lane, seq, at, actor_id, actor_name, action, target_type, target_id, summary, request_id, prev_hash, hash)
        overriding system value values (${id}, ${rest.chain}, ${rest.lane}, ${rest.seq}, ${rest.at}, ${rest.actor_id}, ${rest.actor_name}, ${rest.action},
        ${rest.target_type}, ${rest.target_id}, ${JSON.stringify(rest.summary)}::jsonb, ${rest.request_id}, ${rest.prev_hash}, ${rest.hash})`.execute(t.ctx.db);
    }
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE through plain SQL', async () => {
    await expect(sql`update audit_log set actor_name = 'x'`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = (select min(id) from audit_log)`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    expect((await verify()).ok).toBe(true);
  });

  it('scripts/verify-audit.ts reports a sound log with exit code 0', async () => {
    const lines: string[] = [];
    expect(await verifyAudit(t.ctx.db, (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/^audit log OK: \d+ rows in 2 chains$/);
    expect(JSON.parse(lines[1]!)).toMatchObject({ ok: true, firstBroken: null });
  });
});

// PGlite is one backend session: app.inject calls queue on it one at a time, so parallel writes
// there prove nothing about the advisory lock. Only a PostgreSQL server runs them side by side.
describe.runIf(process.env.GZ_TEST_DB === 'postgres')('concurrent writes (PostgreSQL only)', () => {
  it('50 parallel visits keep every lane of the chain whole, with unique, gapless seq values', async () => {
    const homes = await Promise.all(Array.from({ length: 5 }, () => household()));
    const before = await verifyAuditChain(t.ctx.db);
    expect(before.ok).toBe(true);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.app.inject({ method: 'POST', url: `/api/households/${homes[i % 5]!.id}/visits`, headers: bearer(adminToken), payload: { visitedAt: new Date().toISOString(), method: 'home', notes: `并发${i}` } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const after = await verifyAuditChain(t.ctx.db);
    expect(after).toMatchObject({ ok: true, rowsChecked: before.rowsChecked + 50, firstBroken: null });
    const { rows } = await sql<{ lane: number; n: number; distinct_seq: number; max_seq: number }>`
      select lane, count(*)::int as n, count(distinct seq)::int as distinct_seq, max(seq)::int as max_seq
      from audit_log where chain = ${s.street.id} group by lane`.execute(t.ctx.db);
    // 50 transactions at random among 16 lanes: more than one lane for certain in practice.
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) {
      expect(r.distinct_seq).toBe(r.n);
      expect(r.max_seq).toBe(r.n);
    }
  });
});
