import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CATALOGUE } from '../server/modules/cases/catalogue/default-catalogue.js';
import type { TrainingExample } from '../server/modules/cases/catalogue/schema.js';
import { CategorySuggester, type SuggestionEvidence } from '../server/modules/cases/catalogue/suggest-category.js';
import { normalizeText } from '../server/modules/cases/catalogue/text-features.js';
import { DEFAULT_DATA_FILES, readExamples } from '../server/modules/cases/catalogue/training-data.js';
import { leafEntries } from '../server/modules/cases/catalogue/validate-catalogue.js';

/**
 * The category suggester: accuracy on the held-out demands (and 5-fold cross-validation on the
 * training demands) for each kind of evidence, training time, and suggestion time against
 * plain jieba segmentation of the same texts in the same run (these machines are noisy).
 *
 *   npx tsx bench/classifier.ts
 */

const EVIDENCE: { evidence: SuggestionEvidence; label: string }[] = [
  { evidence: 'keywords', label: 'keywords only' },
  { evidence: 'model', label: 'model only (Naive Bayes)' },
  { evidence: 'combined', label: 'combined (default)' },
];
const FOLDS = 5;
const TIMING_ROUNDS = 20;

function accuracy(suggester: CategorySuggester, examples: readonly TrainingExample[]) {
  let top1 = 0;
  let top3 = 0;
  for (const { text, category } of examples) {
    const codes = suggester.suggest(text, 3).map((s) => s.code);
    if (codes[0] === category) top1++;
    if (codes.includes(category)) top3++;
  }
  return { top1, top3, total: examples.length };
}

function crossValidate(train: readonly TrainingExample[], evidence: SuggestionEvidence) {
  const sum = { top1: 0, top3: 0, total: 0 };
  for (let fold = 0; fold < FOLDS; fold++) {
    const learn = train.filter((_, i) => i % FOLDS !== fold);
    const test = train.filter((_, i) => i % FOLDS === fold);
    const result = accuracy(new CategorySuggester(DEFAULT_CATALOGUE, learn, { evidence }), test);
    sum.top1 += result.top1;
    sum.top3 += result.top3;
    sum.total += result.total;
  }
  return sum;
}

const ratio = (n: number, total: number) => (n / total).toFixed(3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const microseconds = (from: bigint, to: bigint) => Number(to - from) / 1000;

export function runClassifierBench(): string {
  const train = readExamples(DEFAULT_DATA_FILES.train);
  const heldout = readExamples(DEFAULT_DATA_FILES.heldout);
  const leaves = leafEntries(DEFAULT_CATALOGUE).length;

  // Training: the segmenter's dictionary loads once per process, outside the measurement.
  new CategorySuggester(DEFAULT_CATALOGUE, train.slice(0, 5)).suggest('预热');
  const trainingMs: number[] = [];
  let suggester: CategorySuggester | undefined;
  for (let run = 0; run < 5; run++) {
    const started = process.hrtime.bigint();
    suggester = new CategorySuggester(DEFAULT_CATALOGUE, train);
    suggester.suggest('电梯坏了'); // the model is built on first use
    trainingMs.push(microseconds(started, process.hrtime.bigint()) / 1000);
  }

  const rows = EVIDENCE.map(({ evidence, label }) => {
    const held = accuracy(new CategorySuggester(DEFAULT_CATALOGUE, train, { evidence }), heldout);
    const cv = crossValidate(train, evidence);
    return `| ${label} | ${ratio(held.top1, held.total)} | ${ratio(held.top3, held.total)} | ${ratio(cv.top1, cv.total)} | ${ratio(cv.top3, cv.total)} |`;
  });

  // Suggestion time, interleaved with the baseline on the same text so both see the same noise.
  const jieba = Jieba.withDict(dict);
  const texts = heldout.map((e) => e.text);
  for (const text of texts) {
    suggester!.suggest(text);
    jieba.cut(normalizeText(text), true);
  }
  // Wall time, and this process's CPU time, which a loaded machine's preemption does not inflate.
  const timed = (run: () => void, wall: number[], cpu: number[]) => {
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    run();
    wall.push(microseconds(started, process.hrtime.bigint()));
    const used = process.cpuUsage(cpuBefore);
    cpu.push(used.user + used.system);
  };
  const suggestTimes: number[] = [];
  const suggestCpu: number[] = [];
  const baselineTimes: number[] = [];
  const baselineCpu: number[] = [];
  for (let round = 0; round < TIMING_ROUNDS; round++) {
    for (const text of texts) {
      timed(() => jieba.cut(normalizeText(text), true), baselineTimes, baselineCpu);
      timed(() => suggester!.suggest(text, 3), suggestTimes, suggestCpu);
    }
  }
  const stats = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return { mean: times.reduce((a, b) => a + b, 0) / times.length, p99: percentile(sorted, 99) };
  };
  const suggest = stats(suggestTimes);
  const baseline = stats(baselineTimes);
  const suggestOnCpu = stats(suggestCpu);
  const baselineOnCpu = stats(baselineCpu);

  return [
    '### Category suggester (事项分类建议)',
    '',
    `| data | value |`,
    `|---|---|`,
    `| leaf categories | ${leaves} |`,
    `| training demands | ${train.length} |`,
    `| held-out demands | ${heldout.length} |`,
    `| training time, ms (median of 5; segmenter already loaded) | ${median(trainingMs).toFixed(1)} |`,
    '',
    `| evidence | held-out top-1 | held-out top-3 | ${FOLDS}-fold CV top-1 (train) | ${FOLDS}-fold CV top-3 (train) |`,
    `|---|---|---|---|---|`,
    ...rows,
    '',
    `| timing (${suggestTimes.length} calls each) | mean µs | p99 µs | mean ratio to baseline | CPU mean µs | CPU p99 µs |`,
    `|---|---|---|---|---|---|`,
    `| \`suggest(text, 3)\`, combined | ${suggest.mean.toFixed(1)} | ${suggest.p99.toFixed(1)} | ${(suggest.mean / baseline.mean).toFixed(2)} | ${suggestOnCpu.mean.toFixed(0)} | ${suggestOnCpu.p99.toFixed(0)} |`,
    `| baseline: \`jieba.cut(text)\` alone | ${baseline.mean.toFixed(1)} | ${baseline.p99.toFixed(1)} | 1.00 | ${baselineOnCpu.mean.toFixed(0)} | ${baselineOnCpu.p99.toFixed(0)} |`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(runClassifierBench());
}
