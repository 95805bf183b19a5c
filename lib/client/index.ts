/** The producer client's public API. Imports the AWS SDK and the job registry, never aws-cdk-lib. */
export { createJobClient } from './job-client.js';
export type { Job, JobClient, JobClientOptions, JobRegistry, JobRegistryInput, JobTypeOf, KeyedByName, PayloadFor } from './job-client.js';
export type { SendOptions } from './prepare.js';
export type { JobOutcome, SentJob } from './results.js';
export type { RetryOptions } from './send-batch.js';
export {
  InvalidPayloadError,
  InvalidSendOptionsError,
  JobClientError,
  MissingQueueUrlError,
  PayloadTooLargeError,
  QueueMismatchError,
  SendFailedError,
  UnknownJobTypeError,
} from './errors.js';
export type { JobClientErrorCode, PayloadIssue } from './errors.js';
export { messageSizeBytes } from './size.js';
export { minimumBatches, packBatches } from './pack.js';
