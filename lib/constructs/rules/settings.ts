/**
 * The effective settings of a `JobQueue`: each prop the user set, or else its default or a value derived
 * from the other props. Rules check these (so relationships see what will really be deployed), and
 * `JobQueue` builds its resources from them.
 */
import { Duration } from 'aws-cdk-lib';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_CONTENT_BASED_DEDUPLICATION,
  DEFAULT_DEAD_LETTER_RETENTION_PERIOD,
  DEFAULT_MAX_RECEIVE_COUNT,
  DEFAULT_RETENTION_PERIOD,
  DEFAULT_WORKER_MEMORY_SIZE,
  deriveMaxConcurrency,
  deriveVisibilityTimeout,
} from '../defaults.js';
import type { JobQueueProps } from '../job-queue-props.js';
import { secondsOf } from './rule.js';

export interface JobQueueSettings {
  readonly fifo: boolean;
  /** The given visibility timeout, or 6 × workerTimeout + maxBatchingWindow (capped at 12 h). */
  readonly visibilityTimeout: Duration;
  /** True when `visibilityTimeout` was derived rather than given. */
  readonly visibilityTimeoutDerived: boolean;
  readonly batchSize: number;
  /** The batching window; undefined when unset, and on FIFO queues when 0 (Lambda has none for FIFO). */
  readonly maxBatchingWindow: Duration | undefined;
  /** The given max concurrency, else the reserved concurrency (≤ 1000) when set, else 10. */
  readonly maxConcurrency: number;
  readonly maxReceiveCount: number;
  readonly retentionPeriod: Duration;
  readonly deadLetterRetentionPeriod: Duration;
  readonly workerMemorySize: number;
  /** FIFO only: true unless turned off; undefined on standard queues. */
  readonly contentBasedDeduplication: boolean | undefined;
}

/** Resolves the effective settings. Never throws: invalid values pass through for the rules to report. */
export function resolveSettings(props: JobQueueProps): JobQueueSettings {
  // A job definition's FIFO flag wins (the fifo-matches-job rule reports a disagreeing `fifo`).
  const fifo = props.job?.fifo ?? props.fifo ?? false;
  const windowSeconds = secondsOf(props.maxBatchingWindow);
  const maxBatchingWindow = fifo && windowSeconds === 0 ? undefined : props.maxBatchingWindow;
  return {
    fifo,
    visibilityTimeout: props.visibilityTimeout ?? safeDerivedVisibility(props.workerTimeout, maxBatchingWindow),
    visibilityTimeoutDerived: props.visibilityTimeout === undefined,
    batchSize: props.batchSize ?? DEFAULT_BATCH_SIZE,
    maxBatchingWindow,
    maxConcurrency: props.maxConcurrency ?? deriveMaxConcurrency(props.reservedConcurrency),
    maxReceiveCount: props.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT,
    retentionPeriod: props.retentionPeriod ?? DEFAULT_RETENTION_PERIOD,
    deadLetterRetentionPeriod: props.deadLetterRetentionPeriod ?? DEFAULT_DEAD_LETTER_RETENTION_PERIOD,
    workerMemorySize: props.workerMemorySize ?? DEFAULT_WORKER_MEMORY_SIZE,
    contentBasedDeduplication: fifo ? (props.contentBasedDeduplication ?? DEFAULT_CONTENT_BASED_DEDUPLICATION) : undefined,
  };
}

/**
 * The derived visibility timeout, or a zero placeholder when it cannot be derived (a token or a
 * missing worker timeout): the timeouts rules then report why, so the placeholder never deploys.
 */
function safeDerivedVisibility(workerTimeout: Duration | undefined, window: Duration | undefined): Duration {
  if (workerTimeout === undefined || workerTimeout.isUnresolved()) return Duration.seconds(0);
  if (window?.isUnresolved()) return Duration.seconds(0);
  return deriveVisibilityTimeout(workerTimeout, window);
}
