/** Public API of cdk-job-queues, listed by name. */
export { JobQueue } from './constructs/job-queue.js';
export type { JobQueueProps } from './constructs/job-queue-props.js';
export { JobQueueEncryption } from './constructs/encryption.js';
export { CONSUME_ACTIONS, KMS_CONSUME_ACTIONS, KMS_SEND_ACTIONS, SEND_ACTIONS } from './constructs/grants.js';
export { JobQueueValidationError } from './constructs/validate.js';
export type { JobQueueNames } from './constructs/names.js';
export {
  DEFAULT_BATCH_SIZE,
  DEFAULT_DEAD_LETTER_RETENTION_PERIOD,
  DEFAULT_ENCRYPTION,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_RECEIVE_COUNT,
  DEFAULT_RETENTION_PERIOD,
  DEFAULT_WORKER_MEMORY_SIZE,
  deriveVisibilityTimeout,
} from './constructs/defaults.js';
export { defineJob, queueUrlEnvVar } from './jobs/index.js';
export type { JobDefinition, PayloadOf } from './jobs/index.js';
