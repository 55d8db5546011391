import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Turning a resident's demand into features for the category suggester: jieba words, and the
 * characters and character bigrams of the words left once stop words are dropped. Characters and
 * bigrams keep working when jieba cuts a word oddly ("单元楼|道灯"), meets a word it does not
 * know, or the resident mistypes one character of a word ("电题" still shares 电 with 电梯).
 */

let jieba: Jieba | undefined;

/** The segmenter loads its dictionary once per process (about 80 ms); the analysis hot words share it. */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/**
 * Function words, and words that every demand contains whatever it is about (hotline boilerplate,
 * addresses, politeness), so they carry no evidence for one category over another.
 */
export const STOP_WORDS = new Set(
  [
    // pronouns, particles, conjunctions, adverbs
    '的 地 得 了 着 过 是 在 我 我们 我家 你 你们 您 他 她 它 他们 她们 咱们 大家 自己 这 那 这个 那个 这些 那些 这里 那里 这边 那边',
    '和 与 及 跟 同 或 或者 而 而且 并 并且 但 但是 可是 不过 因为 所以 如果 要是 虽然 然后 于是 就 都 也 还 又 再 才 只 只是 却',
    '很 太 挺 真 真是 非常 特别 比较 十分 实在 有点 有些 一些 一点 一下 一个 一直 已经 总是 经常 老是 每次 每天 一次 几次 多次 好几',
    '吧 啊 呢 吗 嘛 呀 哦 哈 啦 么 哎 唉 嗯 诶 哇 呗 喽 吶 罢了 而已 似的',
    '把 被 给 让 叫 从 到 对 于 为 为了 向 往 在于 关于 对于 按 按照 由 比 像',
    '什么 怎么 怎么办 怎么回事 为什么 为啥 哪 哪里 哪儿 谁 多少 几 啥 咋 咋办',
    '有 会 能 能够 可以 要 想 应该 需要 得到 觉得 知道 看 说 讲 问 去 来 做 搞 弄',
    '现在 今天 昨天 前天 明天 最近 刚才 之前 以后 之后 时候 时间 当时 目前 上午 下午 晚上 早上 中午 每 天 月 日 年 号 点 分',
    // hotline and address boilerplate
    '反映 来电 来电人 市民 居民 诉求 诉求人 希望 尽快 及时 处理 解决 帮忙 帮助 麻烦 请 谢谢 您好 你好 相关 部门 有关 情况 问题 事情 这事',
    '小区 社区 街道 号楼 楼 单元 室 门牌 栋 幢 院 家 家里 楼号 附近 位置 地址',
  ].flatMap((line) => line.split(' ')),
);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN_WORD = /^[a-z]{2,}$/;

/** Full-width to half-width, lower case, one kind of space: the form both features and keywords are matched in. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function isCjkWord(word: string): boolean {
  for (const char of word) if (!CJK.test(char)) return false;
  return word.length > 0;
}

/** The kinds of feature, by prefix: `w:` word, `c:` character, `b:` character bigram. */
export type FeatureKind = 'w' | 'c' | 'b';

/**
 * Features of a normalized text, each once: `w:<word>`, `c:<character>`, `b:<two characters>`.
 * Punctuation, digits and Latin letters break character runs.
 */
export function textFeatures(normalized: string): string[] {
  const features = new Set<string>();
  let run = '';
  const flush = () => {
    for (let i = 0; i < run.length; i++) {
      features.add(`c:${run[i]}`);
      if (i + 1 < run.length) features.add(`b:${run.slice(i, i + 2)}`);
    }
    run = '';
  };
  for (const word of segmenter().cut(normalized, true)) {
    if (isCjkWord(word)) {
      if (STOP_WORDS.has(word)) continue;
      features.add(`w:${word}`);
      run += word;
    } else {
      flush();
      if (LATIN_WORD.test(word)) features.add(`w:${word}`);
    }
  }
  flush();
  return [...features];
}
