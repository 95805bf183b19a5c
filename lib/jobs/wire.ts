/**
 * The wire format every producer of ours and the worker runtime agree on.
 *
 * - The message body is the job's JSON payload, nothing else.
 * - The job type travels in a `jobType` String message attribute. A worker that receives a message whose
 *   `jobType` attribute differs from its own job type treats it as mis-routed; a message without the
 *   attribute (other AWS services send without it) is judged by its payload alone.
 */

/** Name of the String message attribute that carries the job type. */
export const JOB_TYPE_ATTRIBUTE = 'jobType';

/** SQS allows at most 10 message attributes per message. */
export const MAX_MESSAGE_ATTRIBUTES = 10;
