/**
 * The worker runtime's public entry point (`cdk-job-queues/worker`): import from here in your own
 * worker files. It never pulls in aws-cdk-lib; the AWS SDK is loaded only when a job needs it.
 */
export { defineWorker } from './define-worker.js';
export type { JobContext, JobHandler, WorkerHandler, WorkerOptions } from './define-worker.js';
export { decodeRecord } from './decode.js';
export { BatchFailedError, InvalidJobError, PermanentJobError, RetryAfterError, retryAfter, WorkerConfigurationError } from './errors.js';
export type { InvalidJobReason } from './errors.js';
export type { BackoffOptions } from './backoff.js';
export type { RecordLogger, RecordLogLine, RecordOutcome } from './log.js';
export { defineJob } from '../../lib/jobs/define-job.js';
export type { JobDefinition, PayloadOf } from '../../lib/jobs/define-job.js';
export type { FailureContext, FailureReason } from '../../lib/jobs/wire.js';
