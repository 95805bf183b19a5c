/**
 * Packs messages into SendMessageBatch requests: at most `maxEntries` entries and at most `maxBytes`
 * (body + attributes, summed over the entries) per request, in as few requests as it can.
 */

export interface PackLimits {
  /** Most entries per request (SQS: 10). */
  readonly maxEntries: number;
  /** Most bytes per request, summed over its entries. */
  readonly maxBytes: number;
  /**
   * Keep the given order (FIFO: SQS orders a group by send order, so jobs must not be reshuffled).
   * Otherwise the packer may reorder to use fewer requests.
   */
  readonly keepOrder: boolean;
}

/**
 * Groups item indices into batches. Unordered: first-fit decreasing, which for bin packing uses at
 * most 11/9 × optimal + 1 bins, and reaches the lower bound whenever items are small. Ordered: next-fit.
 * Every size must already be ≤ maxBytes.
 */
export function packBatches(sizes: readonly number[], limits: PackLimits): number[][] {
  for (const [index, size] of sizes.entries()) {
    if (size > limits.maxBytes) throw new RangeError(`item ${index} is ${size} bytes, over the batch limit of ${limits.maxBytes} bytes`);
  }
  return limits.keepOrder ? nextFit(sizes, limits) : firstFitDecreasing(sizes, limits);
}

/** The fewest requests any packing can use: a lower bound, by entry count and by bytes. */
export function minimumBatches(sizes: readonly number[], limits: Pick<PackLimits, 'maxEntries' | 'maxBytes'>): number {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return Math.max(Math.ceil(sizes.length / limits.maxEntries), Math.ceil(total / limits.maxBytes));
}

interface Bin {
  readonly items: number[];
  bytes: number;
}

function nextFit(sizes: readonly number[], limits: PackLimits): number[][] {
  const batches: number[][] = [];
  let current: Bin | undefined;
  for (const [index, size] of sizes.entries()) {
    if (!current || current.items.length >= limits.maxEntries || current.bytes + size > limits.maxBytes) {
      current = { items: [], bytes: 0 };
      batches.push(current.items);
    }
    current.items.push(index);
    current.bytes += size;
  }
  return batches;
}

function firstFitDecreasing(sizes: readonly number[], limits: PackLimits): number[][] {
  const order = [...sizes.keys()].sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const smallest = order.length > 0 ? sizes[order[order.length - 1]!]! : 0;
  const bins: Bin[] = [];
  // Bins that can still take an item: not full by count, with room for at least the smallest item.
  let open: Bin[] = [];
  for (const index of order) {
    const size = sizes[index]!;
    let bin = open.find((candidate) => candidate.bytes + size <= limits.maxBytes);
    if (!bin) {
      bin = { items: [], bytes: 0 };
      bins.push(bin);
      open.push(bin);
    }
    bin.items.push(index);
    bin.bytes += size;
    if (bin.items.length >= limits.maxEntries || limits.maxBytes - bin.bytes < smallest) {
      open = open.filter((candidate) => candidate !== bin);
    }
  }
  // Send in the caller's order as far as packing allows: each batch sorted, batches by first item.
  return bins.map((bin) => bin.items.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}
