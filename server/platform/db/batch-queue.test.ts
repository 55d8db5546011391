import { describe, expect, it } from 'vitest';
import { BatchQueue, type Settled } from './batch-queue.js';

/** A write whose groups finish only when the test releases them, recording what each group held. */
function gatedWrite(fail: (item: number, group: number[]) => 'throw' | 'refuse' | 'ok' = () => 'ok') {
  const groups: number[][] = [];
  const gates: (() => void)[] = [];
  const write = async (items: number[]): Promise<Settled<number>[]> => {
    groups.push(items);
    await new Promise<void>((release) => gates.push(release));
    if (items.some((i) => fail(i, items) === 'throw')) throw new Error(`group ${items.join(',')} failed`);
    return items.map((i) => (fail(i, items) === 'refuse' ? { error: new Error(`refused ${i}`) } : { value: i * 10 }));
  };
  const releaseAll = async () => {
    // Let waiting groups start, then open every gate, until nothing is left waiting.
    for (let round = 0; round < 20; round += 1) {
      await new Promise((r) => setImmediate(r));
      while (gates.length) gates.shift()!();
    }
  };
  return { write, groups, releaseAll };
}

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('BatchQueue (group commit)', () => {
  it('groups what is submitted in one turn, and what arrives while a group is in flight', async () => {
    const w = gatedWrite();
    const queue = new BatchQueue(w.write, { maxBatch: 64, maxInFlight: 1 });
    const first = [1, 2].map((i) => queue.submit(i));
    await nextTurn();
    const rest = [3, 4, 5].map((i) => queue.submit(i));
    await w.releaseAll();
    expect(await Promise.all([...first, ...rest])).toEqual([10, 20, 30, 40, 50]);
    expect(w.groups).toEqual([[1, 2], [3, 4, 5]]);
  });

  it('writes an item alone when it comes alone to a free slot', async () => {
    const w = gatedWrite();
    const queue = new BatchQueue(w.write, { maxBatch: 64, maxInFlight: 2 });
    const a = queue.submit(1);
    await nextTurn();
    const b = queue.submit(2);
    await w.releaseAll();
    expect([await a, await b]).toEqual([10, 20]);
    expect(w.groups).toEqual([[1], [2]]);
  });

  it('never puts more than maxBatch items in a group, nor more than maxInFlight groups on the wire', async () => {
    const w = gatedWrite();
    const queue = new BatchQueue(w.write, { maxBatch: 3, maxInFlight: 2 });
    const all = Array.from({ length: 10 }, (_, i) => queue.submit(i));
    await nextTurn();
    expect(w.groups).toEqual([[0, 1, 2], [3, 4, 5]]);
    await w.releaseAll();
    expect(await Promise.all(all)).toEqual(Array.from({ length: 10 }, (_, i) => i * 10));
    expect(w.groups).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
  });

  // A refusal settles the item alone; a thrown fault (as a constraint would) breaks the group,
  // which is then written again item by item so that only the faulty item fails.
  it.each([
    { fault: 'refuse' as const, message: 'refused 3', groups: [[1, 2, 3, 4]] },
    { fault: 'throw' as const, message: 'group 3 failed', groups: [[1, 2, 3, 4], [1], [2], [3], [4]] },
  ])('fails only the item at fault when it is to $fault', async ({ fault, message, groups }) => {
    const w = gatedWrite((i) => (i === 3 ? fault : 'ok'));
    const queue = new BatchQueue(w.write, { maxBatch: 64, maxInFlight: 1 });
    const settled = Promise.allSettled([1, 2, 3, 4].map((i) => queue.submit(i)));
    await w.releaseAll();
    expect((await settled).map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(((await settled)[2] as PromiseRejectedResult).reason.message).toBe(message);
    expect(w.groups).toEqual(groups);
  });
});
