/**
 * Concurrency rules: the mapping's maximum concurrency, the worker's reserved concurrency, and how they
 * must relate so that throttled receives never push valid jobs into the DLQ.
 *
 * AWS: maximum concurrency and reserved concurrency are separate settings; the event source mapping does
 * not see reserved concurrency, so a maximum concurrency above it makes Lambda throttle the mapping's
 * invocations, and every throttled receive counts towards maxReceiveCount.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/sqs-retries.html
 */
import { RECOMMENDED_MIN_MAX_RECEIVE_COUNT } from '../defaults.js';
import { MAX_MAX_CONCURRENCY, MIN_MAX_CONCURRENCY } from '../limits.js';
import { formatNumber, resolved, type Rule, jobTypeOf } from './rule.js';

const ONE_AT_A_TIME =
  'for one-at-a-time processing use a FIFO queue (fifo: true) whose producers send every job with the same message group id';

export const CONCURRENCY_RULES: readonly Rule[] = [
  {
    id: 'max-concurrency-range',
    check: ({ props }) => {
      const value = resolved(props.maxConcurrency);
      if (value === undefined || (Number.isInteger(value) && value >= MIN_MAX_CONCURRENCY && value <= MAX_MAX_CONCURRENCY)) return undefined;
      const hint = value < MIN_MAX_CONCURRENCY ? `; ${ONE_AT_A_TIME}` : value > MAX_MAX_CONCURRENCY ? '; 1000 is the default quota, ask AWS support to raise it before going higher' : '';
      return `maxConcurrency (${formatNumber(value)}) must be an integer from ${MIN_MAX_CONCURRENCY} to ${MAX_MAX_CONCURRENCY}${hint}`;
    },
  },
  {
    // 0 throttles every receive; 1 is below the smallest maximum concurrency a mapping can have.
    id: 'reserved-concurrency-minimum',
    check: ({ props }) => {
      const value = resolved(props.reservedConcurrency);
      if (value === undefined || (Number.isInteger(value) && value >= MIN_MAX_CONCURRENCY)) return undefined;
      const why = !Number.isInteger(value)
        ? 'Lambda takes whole invocations'
        : value < 1
          ? 'it would throttle every receive until the jobs land in the DLQ'
          : `the event source mapping always runs at least ${MIN_MAX_CONCURRENCY} invocations, so Lambda would throttle it and throttled receives push valid jobs into the DLQ`;
      return `reservedConcurrency (${formatNumber(value)}) must be an integer of at least ${MIN_MAX_CONCURRENCY}: ${why}; raise it, or leave it unset${value === 1 ? ` (${ONE_AT_A_TIME})` : ''}`;
    },
  },
  {
    id: 'max-concurrency-above-reserved',
    check: ({ props }) => {
      const max = resolved(props.maxConcurrency);
      const reserved = resolved(props.reservedConcurrency);
      if (max === undefined || reserved === undefined || reserved < MIN_MAX_CONCURRENCY || max <= reserved) return undefined;
      return `maxConcurrency (${formatNumber(max)}) must be at most reservedConcurrency (${formatNumber(reserved)}): the mapping does not see reserved concurrency, so Lambda throttles the extra invocations and throttled receives push valid jobs into the DLQ; lower maxConcurrency to ${formatNumber(reserved)} or less, or leave it unset to get it derived from reservedConcurrency`;
    },
  },
  {
    // Even with maxConcurrency ≤ reservedConcurrency, anything else invoking the function shares the reserved pool.
    id: 'receive-count-throttling',
    severity: 'warning',
    check: ({ props, settings }) => {
      const reserved = resolved(props.reservedConcurrency);
      const receives = resolved(settings.maxReceiveCount);
      if (reserved === undefined || receives === undefined || receives >= RECOMMENDED_MIN_MAX_RECEIVE_COUNT) return undefined;
      return `JobQueue '${jobTypeOf(props)}': maxReceiveCount (${receives}) is below ${RECOMMENDED_MIN_MAX_RECEIVE_COUNT} while reservedConcurrency (${reserved}) caps the worker. A throttled receive counts like a failed one, so a burst of throttles can move valid jobs to the DLQ. Raise maxReceiveCount to at least ${RECOMMENDED_MIN_MAX_RECEIVE_COUNT} (AWS's recommendation for SQS event sources), or leave reservedConcurrency unset.`;
    },
  },
];
