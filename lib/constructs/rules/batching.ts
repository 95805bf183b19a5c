/**
 * Batching rules: batch size and batching window ranges, the window a batch above 10 needs, and FIFO's
 * stricter limits.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
 */
import {
  MAX_BATCH_SIZE,
  MAX_BATCH_SIZE_WITHOUT_WINDOW,
  MAX_BATCHING_WINDOW_SECONDS,
  MAX_FIFO_BATCH_SIZE,
  MIN_BATCH_SIZE,
} from '../limits.js';
import { durationInRange, formatNumber, formatSeconds, integerInRange, resolved, secondsOf, type Rule } from './rule.js';

export const BATCHING_RULES: readonly Rule[] = [
  integerInRange({
    id: 'batch-size-range',
    prop: 'batchSize',
    min: MIN_BATCH_SIZE,
    max: MAX_BATCH_SIZE,
    fix: 'above 10 also set maxBatchingWindow (standard queues only)',
  }),
  durationInRange({
    id: 'batching-window-range',
    prop: 'maxBatchingWindow',
    minSeconds: 0,
    maxSeconds: MAX_BATCHING_WINDOW_SECONDS,
    fix: 'Lambda allows no longer window; lower it',
  }),
  {
    // Lambda refuses a batch size above 10 on a standard queue unless the batching window is at least 1 s (C06).
    id: 'batch-size-needs-window',
    check: ({ props, settings }) => {
      const batchSize = resolved(props.batchSize);
      if (settings.fifo || batchSize === undefined || batchSize <= MAX_BATCH_SIZE_WITHOUT_WINDOW || batchSize > MAX_BATCH_SIZE) return undefined;
      if (props.maxBatchingWindow?.isUnresolved()) return undefined;
      const window = secondsOf(props.maxBatchingWindow) ?? 0;
      if (window >= 1) return undefined;
      const given = props.maxBatchingWindow === undefined ? 'unset' : formatSeconds(window);
      return `batchSize (${formatNumber(batchSize)}) above ${MAX_BATCH_SIZE_WITHOUT_WINDOW} needs a maxBatchingWindow of at least 1 second (it is ${given}); set maxBatchingWindow (1 to ${MAX_BATCHING_WINDOW_SECONDS} seconds, it adds latency and lengthens the derived visibility timeout) or lower batchSize to ${MAX_BATCH_SIZE_WITHOUT_WINDOW}`;
    },
  },
  {
    // Lambda + SQS FIFO: at most 10 records per batch (C06).
    id: 'fifo-batch-size',
    check: ({ props, settings }) => {
      const batchSize = resolved(props.batchSize);
      if (!settings.fifo || batchSize === undefined || batchSize <= MAX_FIFO_BATCH_SIZE) return undefined;
      return `batchSize (${formatNumber(batchSize)}) must be at most ${MAX_FIFO_BATCH_SIZE} on a FIFO queue (Lambda's limit for FIFO sources); lower it to ${MAX_FIFO_BATCH_SIZE} or less`;
    },
  },
  {
    // Lambda has no batching window for FIFO sources; the deploy fails at the mapping (C05).
    id: 'fifo-batching-window',
    check: ({ props, settings }) => {
      const window = secondsOf(props.maxBatchingWindow);
      if (!settings.fifo || window === undefined || window === 0) return undefined;
      return `maxBatchingWindow (${formatSeconds(window)}) only applies to standard queues: Lambda has no batching window for FIFO sources; leave it unset (or 0) on a FIFO queue`;
    },
  },
];
