/** Every default of the `jobq` CLI, each with its reason. */

/** The seed app's stack name (lib/app/seed-app.ts), so `jobq` works on the seed with no flags. */
export const DEFAULT_STACK_NAME = 'CdkJobQueues';

/** Region used against a local endpoint: the emulator ignores it, the SDK requires one. */
export const LOCAL_REGION = 'us-east-1';

/** How many failed jobs `failed` shows unless told otherwise: a screenful. */
export const DEFAULT_FAILED_LIMIT = 20;

/**
 * How long a peeked DLQ job stays hidden while `failed` pages through the queue; every peeked job is
 * made visible again (visibility 0) as soon as the page is read, so this only bounds a crash.
 */
export const PEEK_VISIBILITY_SECONDS = 30;

/**
 * How long a job being copied back stays hidden in the DLQ: long enough to send and delete it, and to
 * hold back the jobs the redrive limit stops until the run ends.
 */
export const MOVE_VISIBILITY_SECONDS = 300;

/**
 * Redrives after which `redrive` holds a job back in the DLQ: a job that failed three times after
 * being sent back is not going to succeed by itself.
 */
export const DEFAULT_MAX_REDRIVES = 3;

/** SQS batch limit for SendMessageBatch, DeleteMessageBatch and ReceiveMessage. */
export const SQS_BATCH_SIZE = 10;

/** Window over which `list` reads ApproximateAgeOfOldestMessage from CloudWatch (SQS publishes it each minute). */
export const AGE_METRIC_WINDOW_SECONDS = 15 * 60;
