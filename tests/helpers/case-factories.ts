import type { Kysely } from 'kysely';
import type { DB } from '../../server/platform/db/schema.js';
import type { HandlerKind, Priority } from '../../server/platform/db/schema-cases.js';
import type { NodeRef } from './factories.js';

let counter = 0;

export async function makeCategory(
  db: Kysely<DB>,
  overrides: { code?: string; handlerKind?: HandlerKind; department?: string; priority?: Priority; responseMinutes?: number; resolutionMinutes?: number } = {},
) {
  const n = ++counter;
  const handlerKind = overrides.handlerKind ?? 'grid';
  return db
    .insertInto('case_category')
    .values({
      code: overrides.code ?? `test.cat${n}`,
      name_zh: `类别${n}`,
      name_en: `Category ${n}`,
      handler_kind: handlerKind,
      department: handlerKind === 'department' ? (overrides.department ?? '城管执法队') : null,
      priority: overrides.priority ?? 'normal',
      response_minutes: overrides.responseMinutes ?? 24 * 60,
      resolution_minutes: overrides.resolutionMinutes ?? 7 * 24 * 60,
      keywords: [],
    })
    .returning(['id', 'code'])
    .executeTakeFirstOrThrow();
}

export async function makeOrganisation(db: Kysely<DB>, street: NodeRef, kind: 'department' | 'property_company', name: string) {
  return db
    .insertInto('organisation')
    .values({ kind, name, org_node_id: street.id, street_id: street.id, org_path: street.path })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}
