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
 * Groups item indices into batches. Ordered: next-fit. Unordered: the fewest batches of three
 * packings. First-fit decreasing packs bytes tightly (best when bytes bind); but when the entry count
 * binds too, tight bins leave no room for the many small jobs, so worst-fit decreasing onto a fixed
 * number of batches (spreading bytes evenly, searched from the lower bound up) usually does better.
 * Every size must already be ≤ maxBytes.
 */
export function packBatches(sizes: readonly number[], limits: PackLimits): number[][] {
  for (const [index, size] of sizes.entries()) {
    if (size > limits.maxBytes) throw new RangeError(`item ${index} is ${size} bytes, over the batch limit of ${limits.maxBytes} bytes`);
  }
  if (limits.keepOrder) return nextFit(sizes, limits);
  let best = firstFitDecreasing(sizes, limits);
  const ordered = nextFit(sizes, limits);
  if (ordered.length < best.length) best = ordered;
  // Binary search for the fewest batches worst-fit manages between the lower bound and the best so far.
  let low = minimumBatches(sizes, limits);
  let high = best.length - 1;
  while (low <= high) {
    const count = Math.floor((low + high) / 2);
    const spread = worstFitDecreasing(sizes, limits, count);
    if (spread) {
      best = spread;
      high = count - 1;
    } else {
      low = count + 1;
    }
  }
  return best;
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
  return inCallerOrder(bins);
}

/** Places items, largest first, each into the batch with the most bytes left; undefined if `count` batches cannot hold them. */
function worstFitDecreasing(sizes: readonly number[], limits: PackLimits, count: number): number[][] | undefined {
  const order = [...sizes.keys()].sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const bins: Bin[] = Array.from({ length: count }, () => ({ items: [], bytes: 0 }));
  // Max-heap of the bins that can still take an entry, by bytes left.
  const heap = [...bins];
  const room = (i: number) => limits.maxBytes - heap[i]!.bytes;
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  const siftDown = (i: number) => {
    for (;;) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let top = i;
      if (l < heap.length && room(l) > room(top)) top = l;
      if (r < heap.length && room(r) > room(top)) top = r;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  for (const index of order) {
    const bin = heap[0];
    if (!bin || limits.maxBytes - bin.bytes < sizes[index]!) return undefined;
    bin.items.push(index);
    bin.bytes += sizes[index]!;
    if (bin.items.length >= limits.maxEntries) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    siftDown(0);
  }
  return inCallerOrder(bins.filter((bin) => bin.items.length > 0));
}

/** Send in the caller's order as far as packing allows: each batch sorted, batches by first item. */
function inCallerOrder(bins: readonly Bin[]): number[][] {
  return bins.map((bin) => bin.items.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}
