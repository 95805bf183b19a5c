/**
 * Every default `JobQueue` applies, in one place, each with its reason.
 *
 * Plain numbers carry their unit in their name; durations are derived where
 * they depend on other props.
 */
import { Duration, Token } from 'aws-cdk-lib';
import { MAX_MAX_CONCURRENCY, MAX_VISIBILITY_TIMEOUT_SECONDS } from './limits.js';

export { MAX_VISIBILITY_TIMEOUT_SECONDS };
import { JobQueueEncryption } from './encryption.js';

/** AWS: a message is moved to the DLQ after this many receives; 5 absorbs transient faults and Lambda throttling. */
export const DEFAULT_MAX_RECEIVE_COUNT = 5;

/** SQS + Lambda: 10 is the largest batch that needs no batching window. */
export const DEFAULT_BATCH_SIZE = 10;

/** No worker pool is ever unbounded: 10 concurrent invocations per job type unless told otherwise. */
export const DEFAULT_MAX_CONCURRENCY = 10;

/** SQS's own default retention for the source queue (4 days). */
export const DEFAULT_RETENTION_PERIOD = Duration.days(4);

/** SQS maximum (14 days): a failed job stays inspectable in the DLQ as long as SQS allows. */
export const DEFAULT_DEAD_LETTER_RETENTION_PERIOD = Duration.days(14);

/** Lambda's default memory (MB). */
export const DEFAULT_WORKER_MEMORY_SIZE = 128;

/** AWS: visibility timeout ≥ 6 × function timeout + batching window, so throttled retries never outlast it. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/**
 * The derived visibility timeout: 6 × workerTimeout + maxBatchingWindow, capped at 12 h.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
 */
export function deriveVisibilityTimeout(workerTimeout: Duration, maxBatchingWindow?: Duration): Duration {
  return Duration.seconds(Math.min(recommendedVisibilitySeconds(workerTimeout, maxBatchingWindow), MAX_VISIBILITY_TIMEOUT_SECONDS));
}

/** 6 × workerTimeout + maxBatchingWindow in whole seconds (rounded up), uncapped: the warning threshold. */
export function recommendedVisibilitySeconds(workerTimeout: Duration, maxBatchingWindow?: Duration): number {
  const windowSeconds = maxBatchingWindow?.toSeconds({ integral: false }) ?? 0;
  return Math.ceil(VISIBILITY_TIMEOUT_FACTOR * workerTimeout.toSeconds({ integral: false }) + windowSeconds);
}

/**
 * When `reservedConcurrency` is set and `maxConcurrency` is not, the mapping's maximum concurrency is the
 * reserved concurrency (capped at 1000): AWS says never to set maximum concurrency above the function's
 * reserved concurrency, or Lambda throttles the mapping and throttled receives push jobs towards the DLQ.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
 */
export function deriveMaxConcurrency(reservedConcurrency: number | undefined): number {
  if (reservedConcurrency === undefined) return DEFAULT_MAX_CONCURRENCY;
  return Token.isUnresolved(reservedConcurrency) ? reservedConcurrency : Math.min(reservedConcurrency, MAX_MAX_CONCURRENCY);
}

/** AWS: set maxReceiveCount to at least 5 so throttled or timed-out receives don't move valid jobs to the DLQ. */
export const RECOMMENDED_MIN_MAX_RECEIVE_COUNT = 5;

/**
 * A failed job should stay in the DLQ for at least 3 days (a weekend plus a working day) before SQS
 * deletes it, so someone gets to inspect it. Below this, a warning.
 */
export const MIN_DEAD_LETTER_INSPECTION_SECONDS = 3 * 24 * 60 * 60;

/** FIFO: producers may omit a deduplication id; SQS then deduplicates on the body's SHA-256. */
export const DEFAULT_CONTENT_BASED_DEDUPLICATION = true;

/** Node.js runtime of every bundled worker; set explicitly because feature-flag-less apps default to an old one. */
export const WORKER_RUNTIME_NAME = 'nodejs24.x';

/**
 * esbuild target of every bundled worker: no newer than node20, so one bundle runs on Lambda (Node 24)
 * and on the Node 20 that runs the tests and the local runtime.
 */
export const WORKER_BUNDLE_TARGET = 'node20';

/** Alarms are on unless a job type opts out: a DLQ nobody watches is where jobs go to be forgotten. */
export const DEFAULT_ALARMS_ENABLED = true;

/** CloudWatch period of every alarm: SQS publishes queue metrics once a minute; 5 minutes smooths the gaps. */
export const ALARM_PERIOD = Duration.minutes(5);

/**
 * The derived age-of-oldest-message alarm threshold: maxReceiveCount × visibilityTimeout, capped at
 * half the retention period.
 *
 * A job that is merely being retried leaves the source queue (done, or to the DLQ) within
 * maxReceiveCount × visibilityTimeout of being sent. Anything older means the workers are not keeping
 * up, are paused or cannot read the queue. The cap makes the alarm fire while half the retention period
 * is still left, before SQS starts deleting the backlog.
 */
export function deriveOldestMessageAgeThreshold(
  visibilityTimeout: Duration,
  maxReceiveCount: number,
  retentionPeriod: Duration,
): Duration | undefined {
  // Deploy-time values cannot be multiplied at synth: the caller asks for an explicit threshold instead.
  if ([visibilityTimeout.toSeconds(), maxReceiveCount, retentionPeriod.toSeconds()].some((v) => Token.isUnresolved(v))) return undefined;
  const seconds = visibilityTimeout.toSeconds() * maxReceiveCount;
  return Duration.seconds(Math.min(seconds, Math.floor(retentionPeriod.toSeconds() / 2)));
}

/** SSE-SQS: encrypted at rest with no key policy to manage; pick KMS when a customer-managed key is required. */
export const DEFAULT_ENCRYPTION = JobQueueEncryption.SQS_MANAGED;

/**
 * Job types per stack in `JobQueueStacks`: below CloudFormation's limits (50 today, bound by 200
 * outputs) with room to spare, so a later version that adds resources per job type (alarms) does not
 * lower the capacity below it and move job types between stacks; each stack keeps room for ~100
 * resources of the user's own.
 */
export const DEFAULT_JOB_TYPES_PER_STACK = 30;
