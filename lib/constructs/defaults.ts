/**
 * Every default `JobQueue` applies, in one place, each with its reason.
 *
 * Plain numbers carry their unit in their name; durations are derived where
 * they depend on other props.
 */
import { Duration } from 'aws-cdk-lib';

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

/** SQS maximum visibility timeout (12 hours). */
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 12 * 60 * 60;

/** AWS: visibility timeout ≥ 6 × function timeout + batching window, so throttled retries never outlast it. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/**
 * The derived visibility timeout: 6 × workerTimeout + maxBatchingWindow, capped at 12 h.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
 */
export function deriveVisibilityTimeout(workerTimeout: Duration, maxBatchingWindow?: Duration): Duration {
  const windowSeconds = maxBatchingWindow?.toSeconds() ?? 0;
  const seconds = VISIBILITY_TIMEOUT_FACTOR * workerTimeout.toSeconds() + windowSeconds;
  return Duration.seconds(Math.min(seconds, MAX_VISIBILITY_TIMEOUT_SECONDS));
}

/** Node.js runtime of every bundled worker; set explicitly because feature-flag-less apps default to an old one. */
export const WORKER_RUNTIME_NAME = 'nodejs24.x';

/**
 * esbuild target of every bundled worker: no newer than node20, so one bundle runs on Lambda (Node 24)
 * and on the Node 20 that runs the tests and the local runtime.
 */
export const WORKER_BUNDLE_TARGET = 'node20';

/**
 * Job types per stack in `JobQueueStacks`: below CloudFormation's limits (50 today, bound by 200
 * outputs) with room to spare, so a later version that adds resources per job type (alarms) does not
 * lower the capacity below it and move job types between stacks; each stack keeps room for ~100
 * resources of the user's own.
 */
export const DEFAULT_JOB_TYPES_PER_STACK = 30;
