/**
 * Household search and sign-in (npx tsx bench/archive-search.ts [--households N] [--rounds N]).
 *
 * Seeds the synthetic demo street with 100,000 households (about 250,000 residents) on a fresh
 * database — in-memory PGlite, and PostgreSQL when TEST_DATABASE_URL is set — then measures,
 * through the real HTTP stack (app.inject): household searches as the street admin (whole street)
 * and as a grid worker (one grid): by name, by address, by tag, by exact phone, and a page of the
 * plain list; and sign-in. Baselines in the same run: a primary-key read of one household over
 * HTTP (GET /api/households/:id) for the searches, and one argon2id verification for sign-in.
 * Machines are noisy: read the ratios.
 */
import crypto from 'node:crypto';
import pino from 'pino';
import { buildApp } from '../server/app.js';
import { seedDemo } from '../server/modules/demo/seed-demo.js';
import type { AppContext } from '../server/platform/context.js';
import { PiiCipher } from '../server/platform/crypto/pii.js';
import { hashPassword, verifyPassword } from '../server/platform/identity/passwords.js';
import { testConfig } from '../tests/helpers/test-app.js';
import { createTestDatabase } from '../tests/helpers/test-db.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const quick = process.argv.includes('--quick');
const HOUSEHOLDS = option('households', quick ? 10_000 : 100_000);
const ROUNDS = option('rounds', quick ? 40 : 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(rounds: number, run: (i: number) => Promise<void>) {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    await run(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

async function benchEngine(engine: 'pglite' | 'postgres') {
  const database = await createTestDatabase(engine);
  const cipher = new PiiCipher(crypto.randomBytes(32));
  const seedStart = Date.now();
  await seedDemo({ db: database.db, cipher, households: HOUSEHOLDS });
  const seedMs = Date.now() - seedStart;
  const ctx: AppContext = { db: database.db, dbKind: database.kind, config: testConfig(), cipher, log: pino({ level: 'silent' }) };
  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();
  try {
    const login = async (username: string) => (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'gongzhi-demo' } })).json().token as string;
    const tokens = { street: await login('street_admin'), grid: await login('grid_worker') };
    // Search terms from the data itself, so every query has hits.
    const sample = await database.db
      .selectFrom('resident as r')
      .innerJoin('household_member as m', 'm.resident_id', 'r.id')
      .innerJoin('household as h', 'h.id', 'm.household_id')
      .select(['r.name', 'h.id', 'h.address', 'r.phone_enc'])
      .where('r.phone_enc', 'is not', null)
      .orderBy('r.id')
      .limit(ROUNDS)
      .execute();
    const phones = sample.map((s) => cipher.decrypt(s.phone_enc!));
    const get = (token: string, url: string) =>
      app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }).then((r) => {
        if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
      });
    const pick = <T>(i: number, list: T[]) => list[i % list.length]!;
    const rows: [string, Awaited<ReturnType<typeof time>>][] = [];
    rows.push(['baseline: GET one household by id', await time(ROUNDS, (i) => get(tokens.street, `/api/households/${pick(i, sample).id}`))]);
    for (const [who, token] of Object.entries(tokens)) {
      rows.push([`${who}: list, first page`, await time(ROUNDS, () => get(token, '/api/households?pageSize=20'))]);
      rows.push([`${who}: by a member's name`, await time(ROUNDS, (i) => get(token, `/api/households?q=${encodeURIComponent(pick(i, sample).name)}`))]);
      rows.push([`${who}: by address`, await time(ROUNDS, (i) => get(token, `/api/households?q=${encodeURIComponent(pick(i, sample).address.slice(-8))}`))]);
      rows.push([`${who}: by tag`, await time(ROUNDS, () => get(token, '/api/households?tags=elderly_alone'))]);
      rows.push([`${who}: by exact phone`, await time(ROUNDS, (i) => get(token, `/api/households?phone=${pick(i, phones)}`))]);
    }
    const hash = await hashPassword('gongzhi-demo');
    const argon = await time(Math.min(ROUNDS, 60), async () => {
      await verifyPassword(hash, 'gongzhi-demo');
    });
    const signIn = await time(Math.min(ROUNDS, 60), async () => {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'grid_worker', password: 'gongzhi-demo' } });
      if (r.statusCode !== 200) throw new Error(r.body);
    });
    return { engine, seedMs, rows, argon, signIn };
  } finally {
    await app.close();
    await database.close();
  }
}

const engines: ('pglite' | 'postgres')[] = ['pglite', ...(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL ? (['postgres'] as const) : [])];
console.log(`\n### Household search and sign-in — ${HOUSEHOLDS.toLocaleString('en')} households, ${ROUNDS} rounds each\n`);
for (const engine of engines) {
  const r = await benchEngine(engine);
  const base = r.rows[0]![1].p99;
  console.log(`**${engine}** (seeded in ${(r.seedMs / 1000).toFixed(1)} s)\n`);
  console.log('| query | p50 ms | p95 ms | p99 ms | p99 ÷ baseline p99 |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, t] of r.rows) console.log(`| ${name} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} | ${t.p99.toFixed(1)} | ${(t.p99 / base).toFixed(2)} |`);
  console.log(`| sign-in (POST /api/auth/login) | ${r.signIn.p50.toFixed(1)} | ${r.signIn.p95.toFixed(1)} | ${r.signIn.p99.toFixed(1)} | ${(r.signIn.p99 / r.argon.p99).toFixed(2)} × one argon2id verify (p99 ${r.argon.p99.toFixed(1)} ms) |`);
  console.log('');
}
