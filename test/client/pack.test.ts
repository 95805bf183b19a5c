import { describe, expect, test } from 'vitest';
import { backoffDelayMs } from '../../lib/client/defaults.js';
import { minimumBatches, packBatches } from '../../lib/client/index.js';

const limits = { maxEntries: 10, maxBytes: 1000 };
const bytesOf = (sizes: readonly number[], batch: readonly number[]) => batch.reduce((sum, i) => sum + sizes[i]!, 0);

/** Every item exactly once, every batch within both limits. */
function expectValid(sizes: readonly number[], batches: readonly number[][]): void {
  expect(batches.flat().sort((a, b) => a - b)).toEqual([...sizes.keys()]);
  for (const batch of batches) {
    expect(batch.length).toBeLessThanOrEqual(limits.maxEntries);
    expect(bytesOf(sizes, batch)).toBeLessThanOrEqual(limits.maxBytes);
  }
}

describe('packBatches limits', () => {
  test.each([
    ['9 entries', Array(9).fill(1), 1],
    ['10 entries', Array(10).fill(1), 1],
    ['11 entries', Array(11).fill(1), 2],
    ['bytes 1 under the limit', [500, 499], 1],
    ['bytes exactly at the limit', [500, 500], 1],
    ['bytes 1 over the limit', [500, 501], 2],
  ])('%s pack into %s request(s)', (_title, sizes: number[], expected) => {
    for (const keepOrder of [false, true]) {
      const batches = packBatches(sizes, { ...limits, keepOrder });
      expectValid(sizes, batches);
      expect(batches).toHaveLength(expected);
    }
  });

  test('refuses an item larger than a whole request', () => {
    expect(() => packBatches([10, 1001], { ...limits, keepOrder: false })).toThrow(/item 1 is 1001 bytes, over the batch limit of 1000 bytes/);
  });
});

describe('packBatches quality', () => {
  test('reaches the lower bound when the entry count binds as well as bytes', () => {
    // Packing bytes tightly (first-fit decreasing) puts two 150s beside five of the 700s, filling those
    // requests at 3 entries and stranding the small items: 14 requests. Spreading gives each request
    // one 700, one 150 and eight 18s (994 bytes, 10 entries): 10.
    const sizes = [...Array(10).fill(700), ...Array(10).fill(150), ...Array(80).fill(18)];
    const batches = packBatches(sizes, { ...limits, keepOrder: false });
    expectValid(sizes, batches);
    expect(batches).toHaveLength(minimumBatches(sizes, limits));
    expect(batches).toHaveLength(10);
  });

  test('reaches the lower bound when bytes bind: pairs that fit only with the right partner', () => {
    const sizes = [600, 400, 700, 300, 550, 450, 800, 200];
    const batches = packBatches(sizes, { ...limits, keepOrder: false });
    expectValid(sizes, batches);
    expect(batches).toHaveLength(4);
  });

  test('keeps the caller’s order when asked (FIFO)', () => {
    const sizes = [600, 600, 300, 300, 600];
    const batches = packBatches(sizes, { ...limits, keepOrder: true });
    expect(batches).toEqual([[0], [1, 2], [3, 4]]);
  });

  test('packs 200 random sizes validly and never worse than in-order packing', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const sizes = Array.from({ length: 200 }, () => 1 + Math.floor(next() ** 3 * 999));
      const packed = packBatches(sizes, { ...limits, keepOrder: false });
      expectValid(sizes, packed);
      expect(packed.length).toBeLessThanOrEqual(packBatches(sizes, { ...limits, keepOrder: true }).length);
      expect(packed.length).toBeGreaterThanOrEqual(minimumBatches(sizes, limits));
    }
  });
});

describe('backoff', () => {
  test.each([
    [0, 100],
    [1, 200],
    [3, 800],
    [10, 5000],
  ])('retry %i waits at most %i ms (base 100 ms, doubling, cap 5 s)', (retry, max) => {
    expect(backoffDelayMs(retry, 100, 5000, () => 0.999999)).toBe(max - 1);
    expect(backoffDelayMs(retry, 100, 5000, () => 0)).toBe(0);
  });
});
