import { STOP_WORDS, isCjkWord, normalizeText, segmenter } from '../cases/catalogue/text-features.js';

/**
 * 热词: the terms of case descriptions, segmented with jieba (shared with the category suggester),
 * without the suggester's stop words nor the words every complaint uses whatever it is about.
 * A term counts once per text, so one long, repetitive text cannot make a trend.
 */

const GENERIC = new Set(
  '不能 没有 不是 一样 还是 出现 发现 存在 造成 导致 影响 严重 进行 表示 要求 请求 联系 回复 答复 工作人员 物业公司 业主 住户 楼下 楼上 门口 旁边 周边'.split(' '),
);

/** The distinct terms of one text: Chinese words of two characters or more, not stop words. */
export function termsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const word of segmenter().cut(normalizeText(text), true)) {
    if (word.length >= 2 && isCjkWord(word) && !STOP_WORDS.has(word) && !GENERIC.has(word)) terms.add(word);
  }
  return [...terms];
}

/** How many of the texts contain each term. */
export function countTerms(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const term of termsOf(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

export type Trend = 'new' | 'rising' | 'steady' | 'falling';
const RISE = 1.25;

export const TREND_RULE = {
  zh: `按含该词的诉求占所读诉求的比例与上一等长期间比较：上期为 0 为"新出现"，增至 ${RISE} 倍以上为"上升"，降至 1/${RISE} 以下为"下降"，其余为"持平"`,
  en: `The share of the texts read that contain the term, against the previous period of equal length: absent before is "new", at least ${RISE}× is "rising", at most 1/${RISE} is "falling", otherwise "steady"`,
} as const;

/** The top terms of the current texts, each with its count and share now and before, and the trend. */
export function compareTerms(now: { counts: Map<string, number>; read: number }, before: { counts: Map<string, number>; read: number }, limit: number) {
  return [...now.counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
    .slice(0, limit)
    .map(([term, count]) => {
      const previous = before.counts.get(term) ?? 0;
      const share = count / now.read;
      const previousShare = before.read === 0 ? 0 : previous / before.read;
      const trend: Trend = previous === 0 ? 'new' : share >= previousShare * RISE ? 'rising' : share * RISE <= previousShare ? 'falling' : 'steady';
      return { term, count, share, previousCount: previous, previousShare, change: count - previous, trend };
    });
}
