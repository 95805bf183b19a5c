/** The seed's job-type registry: one definition per job type. */
import { emailSending } from './email-sending.js';
import { photoResize } from './photo-resize.js';
import { videoTranscoding } from './video-transcoding.js';

export { defineJob, JOB_TYPE_PATTERN } from './define-job.js';
export { FAILURE_ATTRIBUTE, JOB_TYPE_ATTRIBUTE, MAX_MESSAGE_ATTRIBUTES, REDRIVE_COUNT_ATTRIBUTE } from './wire.js';
export type { FailureContext, FailureReason, FoldedAttribute } from './wire.js';
export { queueUrlEnvVar, WORKER_DLQ_URL_ENV, WORKER_JOB_TYPE_ENV, WORKER_QUEUE_URL_ENV } from './env.js';
export type { DefineJobOptions, JobDefinition, PayloadOf } from './define-job.js';
export { emailSending, photoResize, videoTranscoding };
export { RENDITIONS } from './video-transcoding.js';
export type { Rendition } from './video-transcoding.js';

/** The seed's job types, by name. */
export const jobs = {
  [videoTranscoding.name]: videoTranscoding,
  [photoResize.name]: photoResize,
  [emailSending.name]: emailSending,
} as const;

export type JobType = keyof typeof jobs;
export {
  SQS_MAX_BATCH_ENTRIES,
  SQS_MAX_DELAY_SECONDS,
  SQS_MAX_FIFO_ID_LENGTH,
  SQS_MAX_MESSAGE_BYTES,
  SQS_MIN_MAX_MESSAGE_BYTES,
} from './limits.js';
