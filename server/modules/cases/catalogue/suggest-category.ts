import { DEFAULT_CATALOGUE } from './default-catalogue.js';
import type { CatalogueEntry, TrainingExample } from './schema.js';
import { normalizeText, textFeatures } from './text-features.js';
import { DEFAULT_DATA_FILES, readExamples } from './training-data.js';
import { leafEntries } from './validate-catalogue.js';

/** Which evidence ranks categories: both (the default), or one alone (for measuring each). */
export type SuggestionEvidence = 'combined' | 'keywords' | 'model';

export interface SuggesterOptions {
  evidence?: SuggestionEvidence;
  /** Laplace (add-α) smoothing of the weighted feature counts. */
  smoothing?: number;
  /** Weight of character bigrams relative to words and single characters. */
  bigramWeight?: number;
  /**
   * How much the categories' shares of the examples count. Scaled down because the weighted
   * likelihood is on a smaller scale than a true one; 0 ignores how common a category is.
   */
  priorWeight?: number;
  /**
   * Divides the model's log score before the softmax. Below 1 it sharpens: with unit-length
   * weighting the raw scores are too flat to read as probabilities.
   */
  temperature?: number;
  /** Log-odds that one matched catalogue keyword (of weight 1) adds to its category. */
  keywordWeight?: number;
}

export interface CategorySuggestion {
  code: string;
  /** Share of the probability over all leaf categories, 0..1; the k returned sum to at most 1. */
  confidence: number;
  /** What put it in the list: catalogue keywords found in the text, the trained model, or both. */
  via: 'keywords' | 'model' | 'both';
}

export interface TrainingResult {
  added: number;
  /** Examples whose category is not a leaf of this catalogue (renamed or removed since). */
  skipped: number;
}

// Smoothing and bigram weight by 5-fold cross-validated accuracy on train.jsonl, temperature and
// keyword weight by its log loss; the held-out file is only for measuring (bench/classifier.ts).
const DEFAULTS = { smoothing: 1, bigramWeight: 0.5, priorWeight: 0.1, temperature: 0.12, keywordWeight: 2 } as const;

/** Longer texts are cut here: the gist of a demand comes first, and suggestions stay fast. */
const MAX_TEXT_LENGTH = 2000;

interface KeywordEvidence {
  keyword: string;
  weight: number;
  categories: number[];
}

interface LearntExample {
  features: string[];
  /** Indices of the catalogue keywords found in the text. */
  keywordHits: number[];
  category: number;
}

interface CompiledModel {
  logPrior: Float64Array;
  /** Per feature, its inverse document frequency times its kind's weight. */
  featureWeight: Map<string, number>;
  /** Per category, log P(feature | category) of a feature the category never saw: log α − log(total + αV). */
  unseen: Float64Array;
  /**
   * Per feature, the categories that saw it and by how much that raises log P(feature | category)
   * above `unseen`: log((count + α) / α). Sparse, because most features belong to few categories.
   */
  seen: Map<string, { categories: number[]; gains: number[] }>;
  /** Per keyword, the weight of a hit for each category listing it (same order as `categories`). */
  keywordWeights: Float64Array[];
}

/**
 * Suggests leaf categories for a demand's text, so the person taking a case in (受理) picks from
 * three instead of sixty. Two kinds of evidence, added in log space:
 *
 * - a multinomial Naive Bayes model over jieba words, characters and character bigrams, trained on
 *   demands staff have already classified. Counts are TF-IDF weighted and each text's vector has
 *   unit length (Rennie et al., "Tackling the poor assumptions of Naive Bayes text classifiers",
 *   2003): frequent, uninformative features and long texts then no longer swamp the rest;
 * - the catalogue's own keywords, so a category works before it has examples, weighted down when
 *   several categories share a keyword.
 *
 * A softmax over all leaves turns the sum into confidences. Deterministic: ties go to the smaller code.
 */
export class CategorySuggester {
  private readonly codes: string[];
  private readonly index: Map<string, number>;
  private readonly keywords: KeywordEvidence[];
  private readonly options: Required<SuggesterOptions>;
  private readonly learnt: LearntExample[] = [];
  private compiled: CompiledModel | null = null;

  constructor(entries: readonly CatalogueEntry[], examples: readonly TrainingExample[] = [], options: SuggesterOptions = {}) {
    this.options = { evidence: 'combined', ...DEFAULTS, ...options };
    this.codes = leafEntries(entries)
      .map((entry) => entry.code)
      .sort();
    this.index = new Map(this.codes.map((code, i) => [code, i]));
    this.keywords = keywordEvidence(entries, this.index);
    this.addTrainingExamples(examples);
  }

  /** The default catalogue, trained on the labelled demands shipped in data/train.jsonl. */
  static fromDefaultData(options: SuggesterOptions = {}): CategorySuggester {
    return new CategorySuggester(DEFAULT_CATALOGUE, readExamples(DEFAULT_DATA_FILES.train), options);
  }

  /** The leaf codes it chooses among, sorted. */
  get categories(): readonly string[] {
    return this.codes;
  }

  get exampleCount(): number {
    return this.learnt.length;
  }

  /** Forgets what it learnt and learns from these examples instead. */
  train(examples: readonly TrainingExample[]): TrainingResult {
    this.learnt.length = 0;
    this.compiled = null;
    return this.addTrainingExamples(examples);
  }

  /**
   * Learns from more classified demands (e.g. cases staff closed), on top of what it knows.
   * Texts are segmented now; the model is rebuilt on the next suggestion, since every example's
   * weights depend on how many texts contain each feature.
   */
  addTrainingExamples(examples: readonly TrainingExample[]): TrainingResult {
    let added = 0;
    for (const example of examples) {
      const category = this.index.get(example.category);
      if (category === undefined) continue;
      const normalized = normalizeText(example.text);
      this.learnt.push({ features: textFeatures(normalized), keywordHits: this.keywordHits(normalized), category });
      added++;
    }
    if (added > 0) this.compiled = null;
    return { added, skipped: examples.length - added };
  }

  /**
   * The k likeliest leaf categories for a text, most likely first. Never throws on odd text; with
   * nothing to go on (empty, digits, Latin gibberish) every category gets about 1/n.
   */
  suggest(text: string, k = 3): CategorySuggestion[] {
    const count = Number.isFinite(k) ? Math.max(0, Math.min(Math.floor(k), this.codes.length)) : 0;
    if (count === 0) return [];
    const normalized = normalizeText(typeof text === 'string' ? text.slice(0, MAX_TEXT_LENGTH) : '');
    const { evidence, temperature, keywordWeight } = this.options;

    const model = evidence === 'keywords' ? null : this.modelScores(normalized);
    const keywords = evidence === 'model' ? null : this.keywordScores(normalized);
    const scores = new Float64Array(this.codes.length);
    for (let c = 0; c < scores.length; c++) {
      scores[c] = (model ? model.scores[c]! / temperature : 0) + (keywords ? keywords[c]! * keywordWeight : 0);
    }

    const confidences = softmax(scores);
    const modelTop = model?.informed ? new Set(topIndices(model.scores, count)) : new Set<number>();
    return topIndices(confidences, count).map((c) => {
      const byKeywords = (keywords?.[c] ?? 0) > 0;
      const byModel = modelTop.has(c);
      return {
        code: this.codes[c]!,
        confidence: confidences[c]!,
        via: byKeywords && byModel ? 'both' : byKeywords || evidence === 'keywords' ? 'keywords' : 'model',
      };
    });
  }

  /** Damped log prior plus the weighted log likelihood of the features the model knows; `informed` when there was any. */
  private modelScores(normalized: string): { scores: Float64Array; informed: boolean } {
    const model = this.compile();
    const scores = Float64Array.from(model.logPrior);
    const known = unitVector(textFeatures(normalized), model.featureWeight);
    let mass = 0;
    for (const [feature, weight] of known) {
      mass += weight;
      const { categories, gains } = model.seen.get(feature)!;
      for (let i = 0; i < categories.length; i++) scores[categories[i]!]! += weight * gains[i]!;
    }
    for (let c = 0; c < scores.length; c++) scores[c]! += mass * model.unseen[c]!;
    return { scores, informed: known.length > 0 };
  }

  private keywordHits(normalized: string): number[] {
    const hits: number[] = [];
    for (let k = 0; k < this.keywords.length; k++) if (normalized.includes(this.keywords[k]!.keyword)) hits.push(k);
    return hits;
  }

  private keywordScores(normalized: string): Float64Array {
    const { keywordWeights } = this.compile();
    const scores = new Float64Array(this.codes.length);
    for (const k of this.keywordHits(normalized)) {
      const { categories } = this.keywords[k]!;
      const weights = keywordWeights[k]!;
      for (let i = 0; i < categories.length; i++) scores[categories[i]!]! += weights[i]!;
    }
    return scores;
  }

  private compile(): CompiledModel {
    if (this.compiled) return this.compiled;
    const categories = this.codes.length;
    const { smoothing: alpha, bigramWeight, priorWeight } = this.options;

    const documentFrequency = new Map<string, number>();
    for (const { features } of this.learnt) for (const feature of features) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
    const featureWeight = new Map<string, number>();
    for (const [feature, frequency] of documentFrequency) {
      const inverse = Math.log((this.learnt.length + 1) / (frequency + 1)) + 1;
      featureWeight.set(feature, feature.startsWith('b:') ? inverse * bigramWeight : inverse);
    }

    // Per feature, [category, weighted count, category, weighted count, …].
    const counts = new Map<string, number[]>();
    const totals = new Float64Array(categories);
    const examplesPer = new Float64Array(categories);
    for (const { features, category } of this.learnt) {
      examplesPer[category]!++;
      for (const [feature, weight] of unitVector(features, featureWeight)) {
        let row = counts.get(feature);
        if (!row) counts.set(feature, (row = []));
        let at = 0;
        while (at < row.length && row[at] !== category) at += 2;
        if (at < row.length) row[at + 1]! += weight;
        else row.push(category, weight);
        totals[category]! += weight;
      }
    }

    const vocabulary = Math.max(1, counts.size);
    const logPrior = new Float64Array(categories);
    const unseen = new Float64Array(categories);
    for (let c = 0; c < categories; c++) {
      logPrior[c] = priorWeight * Math.log((examplesPer[c]! + 1) / (this.learnt.length + categories));
      unseen[c] = Math.log(alpha) - Math.log(totals[c]! + alpha * vocabulary);
    }
    const seen = new Map<string, { categories: number[]; gains: number[] }>();
    for (const [feature, row] of counts) {
      const entry = { categories: [] as number[], gains: [] as number[] };
      for (let at = 0; at < row.length; at += 2) {
        entry.categories.push(row[at]!);
        entry.gains.push(Math.log((row[at + 1]! + alpha) / alpha));
      }
      seen.set(feature, entry);
    }
    this.compiled = { logPrior, featureWeight, unseen, seen, keywordWeights: this.keywordReliability() };
    return this.compiled;
  }

  /**
   * How far to trust each keyword, from the examples: a hit counts more for a category when the
   * examples that contain the keyword mostly belong to it, and less when they mostly do not
   * ("漏水" turns up under heating, water mains, roofs and neighbours alike). With no examples
   * containing it, a keyword keeps its catalogue weight.
   */
  private keywordReliability(): Float64Array[] {
    const hits = this.keywords.map(({ categories }) => ({ total: 0, per: new Float64Array(categories.length) }));
    for (const { keywordHits, category } of this.learnt) {
      for (const k of keywordHits) {
        const count = hits[k]!;
        count.total++;
        const at = this.keywords[k]!.categories.indexOf(category);
        if (at >= 0) count.per[at]!++;
      }
    }
    return this.keywords.map(({ weight }, k) => {
      const { total, per } = hits[k]!;
      return per.map((inCategory) => (weight * 2 * (inCategory + 1)) / (total + 2));
    });
  }
}

/** The known features of a text with their weights, scaled to unit length; unknown ones are dropped. */
function unitVector(features: readonly string[], featureWeight: ReadonlyMap<string, number>): [string, number][] {
  const known: [string, number][] = [];
  let squares = 0;
  for (const feature of features) {
    const weight = featureWeight.get(feature);
    if (weight === undefined || weight === 0) continue;
    known.push([feature, weight]);
    squares += weight * weight;
  }
  const length = Math.sqrt(squares);
  for (const pair of known) pair[1] /= length;
  return known;
}

/**
 * Keyword → the categories listing it. A keyword weighs more when it is long (specific) and less
 * when several categories share it: "跑水", listed under water mains and heating, helps each of
 * them less than "暖气片漏水" helps heating.
 */
function keywordEvidence(entries: readonly CatalogueEntry[], index: ReadonlyMap<string, number>): KeywordEvidence[] {
  const categoriesOf = new Map<string, Set<number>>();
  for (const entry of entries) {
    const c = index.get(entry.code);
    if (c === undefined) continue;
    for (const raw of entry.keywords) {
      const keyword = normalizeText(raw);
      if (keyword === '') continue;
      let set = categoriesOf.get(keyword);
      if (!set) categoriesOf.set(keyword, (set = new Set()));
      set.add(c);
    }
  }
  return [...categoriesOf]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([keyword, set]) => ({
      keyword,
      weight: ([...keyword].length >= 3 ? 1.5 : 1) / set.size,
      categories: [...set].sort((a, b) => a - b),
    }));
}

function softmax(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const score of scores) if (score > max) max = score;
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += out[i] = Math.exp(scores[i]! - max);
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** Indices of the k highest values, highest first; equal values keep index order (codes are sorted). */
function topIndices(values: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let at = top.length;
    while (at > 0 && values[i]! > values[top[at - 1]!]!) at--;
    if (at < k) {
      top.splice(at, 0, i);
      if (top.length > k) top.pop();
    }
  }
  return top;
}
