/**
 * The worker runtime's entry: turns a job handler (business logic only) into a Lambda SQS handler that
 * decides exactly one outcome per record and builds the partial batch response itself.
 */
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { JobDefinition, PayloadOf } from '../../lib/jobs/define-job.js';
import { WORKER_DLQ_URL_ENV, WORKER_JOB_TYPE_ENV, WORKER_QUEUE_URL_ENV } from '../../lib/jobs/env.js';
import { checkBackoff, type BackoffOptions } from './backoff.js';
import { DEFAULT_TIMEOUT_MARGIN_MS } from './defaults.js';
import { BatchFailedError, WorkerConfigurationError } from './errors.js';
import { consoleLogger, type RecordLogger } from './log.js';
import { processBatch } from './process-batch.js';
import type { SqsSender } from './sqs.js';

/** What a job handler gets besides its payload. */
export interface JobContext {
  /** The job type this worker serves. */
  readonly jobType: string;
  /** The SQS record the job arrived in. */
  readonly record: SQSRecord;
  /** How many times SQS has handed this job out, this time included. */
  readonly receiveCount: number;
  /** The Lambda invocation context. */
  readonly lambdaContext: Context;
  /**
   * Heartbeat for long work: keeps the job hidden from other workers for `seconds` more from now
   * (ChangeMessageVisibility on this worker's own queue).
   */
  extendVisibility(seconds: number): Promise<void>;
}

/**
 * A job handler: business logic only. Return to succeed (the result is logged); throw to have the job
 * retried; throw `PermanentJobError` when retrying cannot help (straight to the DLQ); throw
 * `retryAfter(seconds)` to have it come back later.
 */
export type JobHandler<TJob extends JobDefinition> = (payload: PayloadOf<TJob>, context: JobContext) => unknown;

/** Tuning of one worker; every field is optional. */
export interface WorkerOptions {
  /**
   * Backoff for transient failures: the failed job's visibility becomes `baseSeconds × 2^(receives-1)`,
   * capped at `maxSeconds`, jittered into its upper half.
   *
   * @default - none: a failed job comes back after the queue's visibility timeout
   */
  readonly backoff?: BackoffOptions;
  /**
   * Stop taking new records when less than this many milliseconds of the invocation are left; the
   * rest are reported failed and come back.
   *
   * @default 2000
   */
  readonly timeoutMarginMs?: number;
  /**
   * The SQS client for dead-lettering and visibility changes.
   *
   * @default - an `SQSClient` with the Lambda environment's region and credentials, created on first use
   */
  readonly sqsClient?: SqsSender;
  /**
   * Where each record's outcome line goes.
   *
   * @default - one JSON line per record on stdout (INFO) or stderr (WARN, ERROR)
   */
  readonly logger?: RecordLogger;
  /**
   * Whether the event source mapping reads partial batch responses (`ReportBatchItemFailures`, which
   * `JobQueue` always turns on). Set false only for a mapping without it: Lambda would ignore the
   * failure list and delete failed jobs, so the handler throws instead when any record failed, and the
   * whole batch (successes too) comes back.
   *
   * @default true
   */
  readonly reportBatchItemFailures?: boolean;
  /** Source of randomness for the backoff jitter. @default - Math.random */
  readonly random?: () => number;
}

export type WorkerHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * Builds the Lambda handler for one job type's worker. Queue URLs come from the environment
 * `JobQueue` sets (`JOBQ_QUEUE_URL`, `JOBQ_DLQ_URL`), read per invocation.
 */
export function defineWorker<TJob extends JobDefinition>(job: TJob, handle: JobHandler<TJob>, options: WorkerOptions = {}): WorkerHandler {
  if (options.backoff) checkBackoff(job.name, options.backoff);
  const margin = options.timeoutMarginMs ?? DEFAULT_TIMEOUT_MARGIN_MS;
  return async (event, lambdaContext) => {
    // Failing here, before any record is run, throws: Lambda retries the whole batch, nothing is lost.
    const deployedFor = process.env[WORKER_JOB_TYPE_ENV];
    if (deployedFor !== undefined && deployedFor !== job.name) {
      throw new WorkerConfigurationError(
        `worker for '${job.name}' is deployed for '${deployedFor}' (${WORKER_JOB_TYPE_ENV}); point that JobQueue's workerEntry at its own worker file`,
      );
    }
    if (!event || !Array.isArray(event.Records)) {
      throw new WorkerConfigurationError(`worker for '${job.name}' got an event without a Records array; it must be invoked by an SQS event source mapping`);
    }
    const batchItemFailures = await processBatch(event.Records, {
      job,
      handle,
      lambdaContext,
      timeoutMarginMs: margin,
      backoff: options.backoff,
      sqsClient: options.sqsClient,
      logger: options.logger ?? consoleLogger,
      random: options.random ?? Math.random,
      queueUrl: process.env[WORKER_QUEUE_URL_ENV],
      deadLetterQueueUrl: process.env[WORKER_DLQ_URL_ENV],
    });
    if (options.reportBatchItemFailures === false && batchItemFailures.length > 0) {
      throw new BatchFailedError(job.name, batchItemFailures, event.Records.length);
    }
    // Exactly the keys Lambda reads; built here, never by user code.
    return { batchItemFailures: batchItemFailures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
