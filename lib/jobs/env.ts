/**
 * Environment variable names shared by the constructs (which set them), the worker runtime and the
 * producer client (which read them). Kept here so no side needs the other's imports.
 */

/** `email-sending` → `JOBQ_QUEUE_URL_EMAIL_SENDING`: the queue URL a producer sends to. */
export function queueUrlEnvVar(jobType: string): string {
  return `JOBQ_QUEUE_URL_${jobType.replace(/-/g, '_').toUpperCase()}`;
}

/** Set on every worker: the job type it serves. */
export const WORKER_JOB_TYPE_ENV = 'JOBQ_JOB_TYPE';
/** Set on every worker: its own source queue URL. */
export const WORKER_QUEUE_URL_ENV = 'JOBQ_QUEUE_URL';
/** Set on every worker: its own DLQ URL, for jobs that retrying cannot fix. */
export const WORKER_DLQ_URL_ENV = 'JOBQ_DLQ_URL';

/**
 * Set only by the local runtime (`npm start`): the factor by which it shrinks time. The worker runtime
 * divides the visibility changes it makes (backoff, `retryAfter`, `extendVisibility`) by it, so they keep
 * their proportion to the scaled queue settings. Unset on Lambda (factor 1).
 */
export const LOCAL_TIME_SCALE_ENV = 'JOBQ_LOCAL_TIME_SCALE';
