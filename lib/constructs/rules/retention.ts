/**
 * Retention rules: both retention ranges, and the relationships that decide whether a failed job can
 * still be inspected when it lands in the DLQ.
 *
 * SQS: on a standard queue a message keeps its original enqueue timestamp when it moves to the DLQ, so
 * the DLQ's retention counts from when the job was first sent: a job that waited in the queue longer than
 * the DLQ's retention is deleted as soon as it arrives. On a FIFO queue the timestamp resets on the move,
 * so a failed job gets the DLQ's full retention.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
 */
import { MIN_DEAD_LETTER_INSPECTION_SECONDS } from '../defaults.js';
import { MAX_RETENTION_SECONDS, MIN_RETENTION_SECONDS } from '../limits.js';
import { durationInRange, formatSeconds, resolved, secondsOf, type Rule, jobTypeOf } from './rule.js';
import type { JobQueueSettings } from './settings.js';

export const RETENTION_RULES: readonly Rule[] = [
  durationInRange({
    id: 'retention-range',
    prop: 'retentionPeriod',
    minSeconds: MIN_RETENTION_SECONDS,
    maxSeconds: MAX_RETENTION_SECONDS,
    fix: 'SQS allows nothing outside this range',
  }),
  durationInRange({
    id: 'dead-letter-retention-range',
    prop: 'deadLetterRetentionPeriod',
    minSeconds: MIN_RETENTION_SECONDS,
    maxSeconds: MAX_RETENTION_SECONDS,
    fix: 'SQS allows nothing outside this range; leave it unset to keep failed jobs the full 14 days',
  }),
  {
    // A job that keeps failing needs maxReceiveCount visibility timeouts (after any delivery delay) before SQS moves it.
    id: 'retention-outlasts-receives',
    check: ({ props, settings }) => {
      const retention = secondsOf(settings.retentionPeriod);
      const visibility = secondsOf(settings.visibilityTimeout);
      const receives = resolved(settings.maxReceiveCount);
      const delay = props.deliveryDelay === undefined ? 0 : secondsOf(props.deliveryDelay);
      if (retention === undefined || visibility === undefined || receives === undefined || delay === undefined) return undefined;
      const needed = delay + receives * visibility;
      if (retention > needed) return undefined;
      return `retentionPeriod (${formatSeconds(retention)}) must be longer than deliveryDelay + maxReceiveCount × visibilityTimeout (${formatSeconds(delay)} + ${receives} × ${formatSeconds(visibility)} = ${formatSeconds(needed)}): a job that keeps failing would expire from the queue before SQS can move it to the DLQ, and be lost; raise retentionPeriod, or lower maxReceiveCount or visibilityTimeout`;
    },
  },
  {
    // Standard queues: the DLQ clock started when the job was first sent.
    id: 'dead-letter-retention-standard',
    check: ({ settings }) => {
      const { source, dlq } = retentions(settings);
      if (settings.fifo || source === undefined || dlq === undefined || dlq >= source) return undefined;
      return `deadLetterRetentionPeriod (${formatSeconds(dlq)}) must be at least retentionPeriod (${formatSeconds(source)}) on a standard queue: SQS keeps a job's original enqueue time when it moves to the DLQ, so a job that waited ${formatSeconds(dlq)} or more in the queue is deleted the moment it lands in the DLQ; raise deadLetterRetentionPeriod (leave it unset for 14 days) or lower retentionPeriod`;
    },
  },
  {
    id: 'dead-letter-retention',
    severity: 'warning',
    check: ({ props, settings }) => {
      const { source, dlq } = retentions(settings);
      if (source === undefined || dlq === undefined || (!settings.fifo && dlq < source)) return undefined;
      // Worst case on a standard queue: the job spent almost the whole source retention before failing.
      const guaranteed = settings.fifo ? dlq : dlq - source;
      if (guaranteed >= MIN_DEAD_LETTER_INSPECTION_SECONDS) return undefined;
      const why = settings.fifo
        ? `deadLetterRetentionPeriod (${formatSeconds(dlq)}) keeps a failed job`
        : `on a standard queue the DLQ counts from the job's original enqueue time, so deadLetterRetentionPeriod (${formatSeconds(dlq)}) minus retentionPeriod (${formatSeconds(source)}) guarantees a failed job`;
      const fix = settings.fifo
        ? 'raise deadLetterRetentionPeriod (leave it unset for 14 days)'
        : `make deadLetterRetentionPeriod exceed retentionPeriod by at least ${formatSeconds(MIN_DEAD_LETTER_INSPECTION_SECONDS)} (lower retentionPeriod, or leave deadLetterRetentionPeriod unset for 14 days)`;
      return `JobQueue '${jobTypeOf(props)}': ${why} only ${formatSeconds(guaranteed)} in the DLQ before SQS deletes it, less than the ${formatSeconds(MIN_DEAD_LETTER_INSPECTION_SECONDS)} someone needs to inspect it. To keep failed jobs inspectable, ${fix}.`;
    },
  },
];

function retentions(settings: JobQueueSettings): { source: number | undefined; dlq: number | undefined } {
  return { source: secondsOf(settings.retentionPeriod), dlq: secondsOf(settings.deadLetterRetentionPeriod) };
}
