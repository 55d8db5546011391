import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, textFeatures } from './text-features.js';

describe('normalizeText', () => {
  it('folds full-width forms, case and runs of space', () => {
    expect(normalizeText('  ＫＴＶ　太吵了，１２点还在唱  ')).toBe('ktv 太吵了,12点还在唱');
  });
});

describe('textFeatures', () => {
  it('gives words, characters and bigrams of the content words, each once', () => {
    const features = textFeatures(normalizeText('电梯坏了，电梯坏了'));
    expect(features).toEqual(expect.arrayContaining(['w:电梯', 'c:电', 'c:梯', 'b:电梯', 'b:梯坏']));
    expect(new Set(features).size).toBe(features.length);
  });

  it('drops function words and hotline boilerplate', () => {
    const features = textFeatures(normalizeText('来电人反映：我们小区的路灯不亮了，希望尽快处理'));
    // jieba cuts 路|灯不亮; the bigram still carries 路灯.
    expect(features).toContain('b:路灯');
    for (const stop of ['w:的', 'w:了', 'w:我们', 'w:反映', 'w:希望', 'w:尽快', 'w:处理', 'w:小区']) expect(features).not.toContain(stop);
  });

  it('breaks character runs at punctuation, digits and Latin letters', () => {
    const features = textFeatures(normalizeText('停水。3号楼ktv噪音'));
    expect(features).toContain('w:ktv');
    expect(features).not.toContain('b:水号');
    expect(features.some((f) => /\d/.test(f))).toBe(false);
  });

  it('still shares characters with a mistyped word', () => {
    expect(textFeatures(normalizeText('电题坏了'))).toContain('c:电');
  });

  it('never throws and is deterministic', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const normalized = normalizeText(text);
        expect(textFeatures(normalized)).toEqual(textFeatures(normalized));
      }),
      { seed: 7, numRuns: 100 },
    );
  });
});
