import crypto from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit/verify-audit.js';
import {
  birthDateFromIdNumber,
  isValidIdNumber,
  isValidPhone,
  maskIdNumber,
  maskPhone,
  PiiCipher,
} from '../../platform/crypto/pii.js';
import type { Database, DatabaseKind } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { verifyPassword } from '../../platform/identity/passwords.js';
import { createTestDatabase, testEngine } from '../../../tests/helpers/test-db.js';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { seedDemo, type SeedSummary } from './seed-demo.js';

/**
 * Seeds a small street once per engine and checks the invariants the rest of the platform
 * relies on: on the project's engine, and on PostgreSQL as well whenever a server is configured
 * (TEST_DATABASE_URL or DATABASE_URL), since the seeder's bulk SQL must run on both.
 */

const HOUSEHOLDS = 600;
const postgresConfigured = Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);
const engines = [...new Set<DatabaseKind>([testEngine(), ...(postgresConfigured ? (['postgres'] as const) : [])])];

async function one<T>(db: Kysely<DB>, query: RawBuilder<T>): Promise<T> {
  return (await query.execute(db)).rows[0]!;
}

describe.each(engines)('seedDemo on %s', (engine) => {
  let database: Database;
  let db: Kysely<DB>;
  let summary: SeedSummary;
  const cipher = new PiiCipher(crypto.randomBytes(32));
  const progress: [number, number][] = [];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = database.db;
    summary = await seedDemo({ db, cipher, households: HOUSEHOLDS, seed: 7, onProgress: (d, t) => progress.push([d, t]) });
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it('writes the households asked for and reports what it wrote', async () => {
    const counts = await one(db, sql<{ h: number; r: number; m: number; v: number; n: number }>`
      select (select count(*) from household)::int as h, (select count(*) from resident)::int as r,
             (select count(*) from household_member)::int as m, (select count(*) from visit)::int as v,
             (select count(*) from org_node)::int as n`);
    expect(counts.h).toBe(HOUSEHOLDS);
    expect(summary.households).toBe(HOUSEHOLDS);
    expect(summary.residents).toBe(counts.r);
    expect(summary.householdMembers).toBe(counts.m);
    expect(summary.visits).toBe(counts.v);
    expect(counts.n).toBe(2 + summary.communities + summary.grids + summary.buildings);
    expect(counts.r / counts.h).toBeGreaterThan(2.2);
    expect(counts.r / counts.h).toBeLessThan(2.8);
    expect(progress.at(-1)).toEqual([HOUSEHOLDS, HOUSEHOLDS]);
  });

  it('gives every household exactly one head', async () => {
    const bad = await one(db, sql<{ n: number }>`
      select count(*)::int as n from household h
      where (select count(*) from household_member m
             where m.household_id = h.id and m.relationship = 'head' and m.until is null) <> 1`);
    expect(bad.n).toBe(0);
  });

  it('stores valid, unique identity numbers and phones, encrypted with matching hash and mask', async () => {
    const uniq = await one(db, sql<{ total: number; hashes: number; missing: number }>`
      select count(*)::int as total, count(distinct id_number_hash)::int as hashes,
             count(*) filter (where id_number_enc is null)::int as missing from resident`);
    expect(uniq.missing).toBe(0);
    expect(uniq.hashes).toBe(uniq.total);

    const sample = await db
      .selectFrom('resident')
      .select(['gender', 'birth_date', 'id_number_enc', 'id_number_hash', 'id_number_mask', 'phone_enc', 'phone_hash', 'phone_mask'])
      .orderBy('id')
      .limit(300)
      .execute();
    let phones = 0;
    for (const r of sample) {
      const id = cipher.decrypt(r.id_number_enc!);
      expect(isValidIdNumber(id), id).toBe(true);
      expect(r.id_number_hash).toBe(cipher.lookupHash('id_number', id));
      expect(r.id_number_mask).toBe(maskIdNumber(id));
      expect(birthDateFromIdNumber(id)).toBe(r.birth_date);
      expect(Number(id[16]) % 2 === 1 ? 'male' : 'female').toBe(r.gender);
      if (r.phone_enc) {
        phones += 1;
        const phone = cipher.decrypt(r.phone_enc);
        expect(phone).toMatch(/^1[3-9]\d{9}$/);
        expect(isValidPhone(phone)).toBe(true);
        expect(r.phone_hash).toBe(cipher.lookupHash('phone', phone));
        expect(r.phone_mask).toBe(maskPhone(phone));
      }
    }
    expect(phones).toBeGreaterThan(sample.length / 2);
  });

  it('builds exact materialised paths down the tree', async () => {
    const nodes = await one(db, sql<{ bad_paths: number; bad_street: number; district: string; street: string }>`
      select
        (select count(*) from org_node c join org_node p on p.id = c.parent_id
          where c.path <> p.path || c.id || '/')::int as bad_paths,
        (select count(*) from org_node n where n.kind <> 'district'
          and n.street_id is distinct from (select id from org_node where kind = 'street'))::int as bad_street,
        (select path from org_node where kind = 'district') as district,
        (select path from org_node where kind = 'street') as street`);
    expect(nodes.bad_paths).toBe(0);
    expect(nodes.bad_street).toBe(0);
    expect(nodes.district).toMatch(/^\/\d+\/$/);
    expect(nodes.street.startsWith(nodes.district)).toBe(true);

    const households = await one(db, sql<{ bad: number }>`
      select count(*)::int as bad from household h
      join org_node b on b.id = h.building_id
      join org_node g on g.id = h.grid_id
      join org_node c on c.id = h.community_id
      where h.org_path <> b.path or b.parent_id <> g.id or g.parent_id <> c.id
         or g.kind <> 'grid' or c.kind <> 'community'
         or h.org_path not like g.path || '%' or g.path not like c.path || '%'`);
    expect(households.bad).toBe(0);
  });

  it('tiles each community with its grids and places buildings inside their grid', async () => {
    const nodes = await db.selectFrom('org_node').select(['id', 'parent_id', 'kind', 'boundary', 'point']).execute();
    const rect = (b: unknown) => {
      const ring = (b as { coordinates: number[][][] }).coordinates[0]!;
      const xs = ring.map((p) => p[0]!);
      const ys = ring.map((p) => p[1]!);
      return { w: Math.min(...xs), e: Math.max(...xs), s: Math.min(...ys), n: Math.max(...ys) };
    };
    const area = (r: ReturnType<typeof rect>) => (r.e - r.w) * (r.n - r.s);
    for (const community of nodes.filter((n) => n.kind === 'community')) {
      const outer = rect(community.boundary);
      const grids = nodes.filter((n) => n.parent_id === community.id).map((g) => ({ id: g.id, r: rect(g.boundary) }));
      expect(grids.reduce((a, g) => a + area(g.r), 0)).toBeCloseTo(area(outer), 9);
      for (const [i, a] of grids.entries()) {
        expect(a.r.w >= outer.w && a.r.e <= outer.e && a.r.s >= outer.s && a.r.n <= outer.n).toBe(true);
        for (const b of grids.slice(i + 1)) {
          const overlap = Math.max(0, Math.min(a.r.e, b.r.e) - Math.max(a.r.w, b.r.w)) * Math.max(0, Math.min(a.r.n, b.r.n) - Math.max(a.r.s, b.r.s));
          expect(overlap).toBeLessThan(1e-12);
        }
        for (const building of nodes.filter((n) => n.parent_id === a.id)) {
          const [x, y] = (building.point as { coordinates: [number, number] }).coordinates;
          expect(x > a.r.w && x < a.r.e && y > a.r.s && y < a.r.n).toBe(true);
        }
      }
    }
  });

  it('creates the demo accounts with their fixed roles', async () => {
    const rows = await db
      .selectFrom('app_user as u')
      .innerJoin('user_role as r', 'r.user_id', 'u.id')
      .innerJoin('org_node as n', 'n.id', 'r.org_node_id')
      .select(['u.username', 'u.is_demo', 'u.organisation_id', 'u.resident_id', 'u.password_hash', 'r.role', 'n.kind', 'n.code'])
      .execute();
    const roleOf = Object.fromEntries(rows.map((r) => [r.username, r]));
    const expected = {
      street_admin: ['street_admin', 'street', 'D01-S01'],
      community_staff: ['community_staff', 'community', 'D01-S01-C01'],
      grid_worker: ['grid_worker', 'grid', 'D01-S01-C01-G01'],
      dept_handler: ['department_handler', 'street', 'D01-S01'],
      property_handler: ['property_handler', 'street', 'D01-S01'],
      party_secretary: ['party_secretary', 'community', 'D01-S01-C01'],
      building_head: ['building_head', 'building', 'D01-S01-C01-G01-B001'],
      auditor: ['auditor', 'street', 'D01-S01'],
      owners_committee: ['owners_committee_member', 'community', 'D01-S01-C01'],
    } as const;
    for (const [username, [role, kind, code]] of Object.entries(expected)) {
      expect(roleOf[username], username).toMatchObject({ role, kind, code, is_demo: true });
    }
    expect(roleOf.resident).toMatchObject({ role: 'resident', kind: 'building', is_demo: true });
    expect(roleOf.resident!.code.startsWith('D01-S01-C01-G01-')).toBe(true);
    expect(rows).toHaveLength(10);
    expect(await verifyPassword(roleOf.street_admin!.password_hash, DEMO_PASSWORD)).toBe(true);

    const orgs = await db
      .selectFrom('organisation')
      .select(['id', 'kind'])
      .where('id', 'in', [roleOf.dept_handler!.organisation_id!, roleOf.property_handler!.organisation_id!])
      .execute();
    expect(Object.fromEntries(orgs.map((o) => [o.id, o.kind]))).toEqual({
      [roleOf.dept_handler!.organisation_id!]: 'department',
      [roleOf.property_handler!.organisation_id!]: 'property_company',
    });
    const firstDepartment = await db.selectFrom('organisation').select('id').where('kind', '=', 'department').orderBy('id').limit(1).executeTakeFirstOrThrow();
    expect(roleOf.dept_handler!.organisation_id).toBe(firstDepartment.id);

    // The resident account is the head of a household in the building where its role is held.
    const home = await db
      .selectFrom('household_member as m')
      .innerJoin('household as h', 'h.id', 'm.household_id')
      .innerJoin('org_node as b', 'b.id', 'h.building_id')
      .select(['m.relationship', 'b.code'])
      .where('m.resident_id', '=', roleOf.resident!.resident_id!)
      .executeTakeFirstOrThrow();
    expect(home).toEqual({ relationship: 'head', code: roleOf.resident!.code });
  });

  it("links staff rows to accounts and gives the grid worker's grid households to visit", async () => {
    const worker = await db
      .selectFrom('staff as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .innerJoin('org_node as g', 'g.id', 's.org_node_id')
      .select(['s.name', 's.employment', 'u.display_name', 'g.id as grid_id', 'g.code'])
      .where('u.username', '=', 'grid_worker')
      .where('s.kind', '=', 'grid_worker')
      .executeTakeFirstOrThrow();
    expect(worker.code).toBe('D01-S01-C01-G01');
    expect(worker.display_name).toContain(worker.name);
    const inGrid = await db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).where('grid_id', '=', worker.grid_id).executeTakeFirstOrThrow();
    expect(Number(inGrid.n)).toBeGreaterThan(50);
    const credited = await db.selectFrom('visit').select('visitor_name').distinct().where('visitor_id', 'is not', null).execute();
    expect(credited).toEqual([{ visitor_name: worker.name }]);

    const gridWorkers = await one(db, sql<{ grids: number; workers: number; mismatched: number }>`
      select (select count(*) from org_node where kind = 'grid')::int as grids,
             (select count(*) from staff where kind = 'grid_worker')::int as workers,
             (select count(*) from visit v join household h on h.id = v.household_id
               join staff s on s.kind = 'grid_worker' and s.org_node_id = h.grid_id
               where v.visitor_name <> s.name)::int as mismatched`);
    expect(gridWorkers.workers).toBe(gridWorkers.grids);
    expect(gridWorkers.mismatched).toBe(0);
  });

  it('visits most households in the last twelve months', async () => {
    const coverage = await one(db, sql<{ share: number }>`
      select avg(case when exists (select 1 from visit v where v.household_id = h.id
                                   and v.visited_at > now() - interval '12 months') then 1.0 else 0 end)::float8 as share
      from household h`);
    expect(coverage.share).toBeGreaterThan(0.8);
    expect(coverage.share).toBeLessThanOrEqual(1);
  });

  it('hangs Party organisations on the tree: committee per community, branch per grid', async () => {
    const party = await one(db, sql<{ committees: number; branches: number; bad: number; members: number }>`
      select (select count(*) from party_org where kind = 'committee')::int as committees,
             (select count(*) from party_org where kind = 'branch')::int as branches,
             (select count(*) from party_org p join org_node n on n.id = p.org_node_id
               left join party_org parent on parent.id = p.parent_id
               left join org_node pn on pn.id = parent.org_node_id
               where p.org_path <> n.path
                  or (p.kind = 'committee' and n.kind <> 'community')
                  or (p.kind = 'branch' and (n.kind <> 'grid' or parent.kind <> 'committee' or pn.id <> n.parent_id))
                  or (p.kind = 'group' and (n.kind <> 'building' or parent.kind <> 'branch' or pn.id <> n.parent_id)))::int as bad,
             (select coalesce(sum(member_count), 0) from party_org where kind = 'committee')::int as members`);
    const cpc = await one(db, sql<{ n: number }>`select count(*)::int as n from resident where political_status = 'cpc_member'`);
    expect(party.committees).toBe(summary.communities);
    expect(party.branches).toBe(summary.grids);
    expect(party.bad).toBe(0);
    expect(party.members).toBe(cpc.n);
  });

  it('records the seed in settings and in one verifiable audit row', async () => {
    const setting = await db.selectFrom('setting').select('value').where('key', '=', 'demo').executeTakeFirstOrThrow();
    expect(setting.value).toMatchObject({ households: HOUSEHOLDS, residents: summary.residents });
    const audit = await db.selectFrom('audit_log').select(['action', 'target_type', 'target_id', 'chain']).execute();
    expect(audit).toEqual([{ action: 'demo.seed', target_type: 'street', target_id: String(summary.streetId), chain: summary.streetId }]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('refuses to seed a database that already has an org tree, changing nothing', async () => {
    await expect(seedDemo({ db, cipher, households: 10 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const after = await one(db, sql<{ h: number; a: number }>`
      select (select count(*) from household)::int as h, (select count(*) from audit_log)::int as a`);
    expect(after).toEqual({ h: HOUSEHOLDS, a: 1 });
  });
});
