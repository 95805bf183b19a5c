/**
 * Every default the worker runtime applies, each with its reason. (The constructs keep theirs in
 * lib/constructs/defaults.ts; this module must not import aws-cdk-lib.)
 */

/**
 * Stop taking new records when less than this much of the invocation is left: enough for one SQS call
 * (a DLQ send or a visibility change, with the SDK's retries) and the response, before Lambda kills
 * the invocation and every record of the batch, done or not, comes back.
 */
export const DEFAULT_TIMEOUT_MARGIN_MS = 2_000;

/** SQS: a message's visibility timeout is at most 12 hours. */
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 12 * 60 * 60;

/** Keeps the failure context (one message attribute) compact: long error messages are cut here. */
export const MAX_ERROR_MESSAGE_CHARS = 1_000;
