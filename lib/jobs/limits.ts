/**
 * SQS limits that the registry and the producer client both need. Kept apart from the wire format so
 * neither side imports the other.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
 */

/**
 * SQS's largest message, and largest SendMessageBatch payload: 1 MiB (raised from 256 KiB in 2025).
 * SQS counts the body plus, for each message attribute, its name, data type and value in bytes.
 */
export const SQS_MAX_MESSAGE_BYTES = 1_048_576;

/** The smallest `MaximumMessageSize` a queue can be given (1 KiB). */
export const SQS_MIN_MAX_MESSAGE_BYTES = 1_024;

/** SQS allows at most this many entries in one SendMessageBatch request. */
export const SQS_MAX_BATCH_ENTRIES = 10;

/** SQS's longest per-message delay (15 minutes). */
export const SQS_MAX_DELAY_SECONDS = 900;

/** Longest FIFO message group id and deduplication id. */
export const SQS_MAX_FIFO_ID_LENGTH = 128;
