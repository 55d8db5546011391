import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { CatalogueEntry, TrainingExample } from '../catalogue/schema.js';
import { CategorySuggester } from '../catalogue/suggest-category.js';
import { DEFAULT_DATA_FILES, readExamples } from '../catalogue/training-data.js';

const RETRAIN_MS = 60 * 60_000;
const LEARN_FROM_CASES = 20_000;

let cached: { suggester: CategorySuggester; builtAt: number; catalogueStamp: string } | null = null;
let building: Promise<CategorySuggester> | null = null;

async function catalogueOf(db: Kysely<DB>): Promise<{ entries: CatalogueEntry[]; stamp: string }> {
  const rows = await db
    .selectFrom('case_category as c')
    .leftJoin('case_category as p', 'p.id', 'c.parent_id')
    .select(['c.code', 'p.code as parentCode', 'c.name_zh', 'c.name_en', 'c.handler_kind', 'c.department', 'c.priority', 'c.response_minutes', 'c.resolution_minutes', 'c.keywords', 'c.updated_at'])
    .where('c.active', '=', true)
    .orderBy('c.id')
    .execute();
  const entries = rows.map((r) => ({
    code: r.code,
    parentCode: r.parentCode,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    handlerKind: r.handler_kind ?? 'residents_committee',
    ...(r.department ? { department: r.department } : {}),
    priority: r.priority,
    responseMinutes: r.response_minutes ?? 0,
    resolutionMinutes: r.resolution_minutes ?? 0,
    keywords: r.keywords,
  }));
  const stamp = `${rows.length}:${Math.max(0, ...rows.map((r) => r.updated_at.getTime()))}`;
  return { entries, stamp };
}

/**
 * The suggester for this deployment: the catalogue as it is in the database, trained on the
 * shipped labelled texts and on the cases staff have already classified. Rebuilt when the
 * catalogue changes and hourly, so new cases keep teaching it.
 */
export async function getSuggester(db: Kysely<DB>): Promise<CategorySuggester> {
  const { entries, stamp } = await catalogueOf(db);
  if (cached && cached.catalogueStamp === stamp && Date.now() - cached.builtAt < RETRAIN_MS) return cached.suggester;
  building ??= (async () => {
    try {
      const learnt = await db
        .selectFrom('cases as c')
        .innerJoin('case_category as k', 'k.id', 'c.category_id')
        .select(['c.description as text', 'k.code as category'])
        .where('c.status', 'in', ['closed', 'replied', 'in_progress', 'dispatched'])
        .orderBy('c.id', 'desc')
        .limit(LEARN_FROM_CASES)
        .execute();
      const examples: TrainingExample[] = [...readExamples(DEFAULT_DATA_FILES.train), ...learnt];
      const suggester = new CategorySuggester(entries, examples);
      cached = { suggester, builtAt: Date.now(), catalogueStamp: stamp };
      return suggester;
    } finally {
      building = null;
    }
  })();
  return building;
}
