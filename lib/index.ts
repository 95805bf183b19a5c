/** Public API of cdk-job-queues, listed by name. */
export { JobQueue } from './constructs/job-queue.js';
export type { JobQueueProps } from './constructs/job-queue-props.js';
export { JobQueueAlarms } from './constructs/alarms.js';
export type { JobQueueAlarmsProps } from './constructs/alarms.js';
export { JobQueuesAlarmTopic } from './constructs/alarm-topic.js';
export { JobQueuesDashboard } from './constructs/dashboard.js';
export type { JobQueuesDashboardProps } from './constructs/dashboard.js';
export { grantOperate, grantRedrive } from './constructs/operator-grants.js';
export type { OperatedJobQueue } from './constructs/operator-grants.js';
export { JobQueueEncryption } from './constructs/encryption.js';
export { CONSUME_ACTIONS, KMS_CONSUME_ACTIONS, KMS_SEND_ACTIONS, SEND_ACTIONS } from './constructs/grants.js';
export { JobQueueValidationError } from './constructs/validate.js';
export type { JobQueueSettings, JobQueueWarning } from './constructs/validate.js';
export type { JobQueueNames } from './constructs/names.js';
export {
  DEFAULT_BATCH_SIZE,
  DEFAULT_DEAD_LETTER_RETENTION_PERIOD,
  DEFAULT_ENCRYPTION,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_RECEIVE_COUNT,
  DEFAULT_RETENTION_PERIOD,
  DEFAULT_JOB_TYPES_PER_STACK,
  DEFAULT_WORKER_MEMORY_SIZE,
  deriveOldestMessageAgeThreshold,
  deriveVisibilityTimeout,
  DEFAULT_ALARMS_ENABLED,
} from './constructs/defaults.js';
export { defineJob, queueUrlEnvVar } from './jobs/index.js';
export type { JobDefinition, PayloadOf } from './jobs/index.js';
export { JobQueueStacks, JobQueueStacksValidationError, stackSlots } from './constructs/job-queue-stacks.js';
export type { JobQueueStacksEntry, JobQueueStacksProps, RetiredJobType } from './constructs/job-queue-stacks.js';
export { MAX_ENTRIES_PER_BUILD, WorkerBundler, WorkerBundlingError } from './constructs/bundling.js';
export type { WorkerBundleSpec } from './constructs/bundling.js';
export {
  CFN_MAX_OUTPUTS_PER_STACK,
  CFN_MAX_RESOURCES_PER_STACK,
  jobTypeFootprint,
  maxJobTypesPerStack,
  stackOverhead,
} from './constructs/stack-limits.js';
export type { StackFootprint } from './constructs/stack-limits.js';
