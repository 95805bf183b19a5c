/**
 * The runtime's errors, one class per kind, each with a stable `code`.
 *
 * Handlers throw `PermanentJobError` for a job retrying cannot fix and `retryAfter(seconds)` for a job
 * that should come back later; any other error is transient (the job is retried).
 */
import type { FailureReason } from '../../lib/jobs/wire.js';
import { MAX_VISIBILITY_TIMEOUT_SECONDS } from './defaults.js';

/** Why the runtime judged a message invalid before running the handler. */
export type InvalidJobReason = Extract<FailureReason, 'invalid-json' | 'schema-violation' | 'job-type-mismatch'>;

/** A message whose body, payload or job type is wrong: retrying the same message cannot fix it. */
export class InvalidJobError extends Error {
  public readonly code: 'JOBQ_INVALID_JSON' | 'JOBQ_SCHEMA_VIOLATION' | 'JOBQ_JOB_TYPE_MISMATCH';
  public readonly reason: InvalidJobReason;
  /** The job type the message claimed (attribute or field), when it claimed one. */
  public readonly receivedJobType?: string;

  constructor(reason: InvalidJobReason, message: string, receivedJobType?: string) {
    super(message);
    this.name = 'InvalidJobError';
    this.reason = reason;
    this.code = `JOBQ_${reason.toUpperCase().replace(/-/g, '_')}` as InvalidJobError['code'];
    if (receivedJobType !== undefined) this.receivedJobType = receivedJobType;
  }
}

/**
 * Throw from a handler when the job can never succeed (a deleted account, a rejected address): the job
 * goes straight to the DLQ with this error's message instead of being retried until `maxReceiveCount`.
 */
export class PermanentJobError extends Error {
  public readonly code = 'JOBQ_PERMANENT_FAILURE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/** Thrown by `retryAfter`: the job comes back after `seconds`, without counting as an error. */
export class RetryAfterError extends Error {
  public readonly code = 'JOBQ_RETRY_AFTER';
  public readonly seconds: number;

  constructor(seconds: number) {
    super(`job asked to come back in ${seconds} seconds`);
    this.name = 'RetryAfterError';
    this.seconds = seconds;
  }
}

/** The worker itself is set up wrongly (not the job): the whole batch is retried. */
export class WorkerConfigurationError extends Error {
  public readonly code = 'JOBQ_WORKER_MISCONFIGURED';

  constructor(message: string) {
    super(message);
    this.name = 'WorkerConfigurationError';
  }
}

/**
 * Thrown, with `reportBatchItemFailures: false`, when any record of the batch failed: the event source
 * mapping then cannot read a failure list, so only a thrown invocation keeps the failed jobs.
 */
export class BatchFailedError extends Error {
  public readonly code = 'JOBQ_BATCH_FAILED';
  public readonly failedMessageIds: readonly string[];

  constructor(jobType: string, failedMessageIds: readonly string[], total: number) {
    super(
      `worker for '${jobType}': ${failedMessageIds.length} of ${total} records failed (${failedMessageIds.join(', ')}); the whole batch comes back because reportBatchItemFailures is off, so its successful jobs run again too`,
    );
    this.name = 'BatchFailedError';
    this.failedMessageIds = failedMessageIds;
  }
}

/**
 * "Come back later": `throw retryAfter(300)` in a handler makes the runtime set the message's
 * visibility to 300 seconds (ChangeMessageVisibility) and report it failed, so SQS hands it out again
 * after about that long. It counts as a receive towards `maxReceiveCount`.
 */
export function retryAfter(seconds: number): RetryAfterError {
  checkVisibilitySeconds('retryAfter', seconds);
  return new RetryAfterError(seconds);
}

/** Throws a clear RangeError unless `seconds` is a whole number SQS accepts as a visibility timeout. */
export function checkVisibilitySeconds(what: string, seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_VISIBILITY_TIMEOUT_SECONDS) {
    const error = new RangeError(
      `${what}(${seconds}): seconds must be a whole number from 0 to ${MAX_VISIBILITY_TIMEOUT_SECONDS} (12 hours, the SQS maximum visibility timeout); round it or cap it`,
    );
    throw Object.assign(error, { code: 'JOBQ_INVALID_VISIBILITY' });
  }
}
