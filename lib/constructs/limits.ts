/**
 * The AWS limits `JobQueue`'s rule table enforces, each with the page it comes from. Defaults (values
 * the library picks) live in `defaults.ts`; these are the bounds AWS itself sets.
 */

/** Lambda: a function timeout is 1 s to 900 s (15 min). @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html */
export const MIN_WORKER_TIMEOUT_SECONDS = 1;
export const MAX_WORKER_TIMEOUT_SECONDS = 15 * 60;

/** Lambda: memory is 128 MB to 10,240 MB. @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html */
export const MIN_WORKER_MEMORY_SIZE = 128;
export const MAX_WORKER_MEMORY_SIZE = 10_240;

/** SQS: a visibility timeout is 0 s to 43,200 s (12 h). @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html */
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 12 * 60 * 60;

/** Lambda + SQS: batch size 1–10,000; above 10 only with a batching window (standard queues). @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html */
export const MIN_BATCH_SIZE = 1;
export const MAX_BATCH_SIZE_WITHOUT_WINDOW = 10;
export const MAX_BATCH_SIZE = 10_000;
/** Lambda + SQS FIFO: at most 10 records per batch and no batching window. */
export const MAX_FIFO_BATCH_SIZE = 10;
/** Lambda: the batching window is 0 s to 300 s. */
export const MAX_BATCHING_WINDOW_SECONDS = 300;

/** Lambda: an SQS event source mapping's maximum concurrency is an integer 2–1000. @see https://docs.aws.amazon.com/lambda/latest/api/API_ScalingConfig.html */
export const MIN_MAX_CONCURRENCY = 2;
export const MAX_MAX_CONCURRENCY = 1000;

/** SQS: a redrive policy's maxReceiveCount is 1–1000. @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html */
export const MIN_MAX_RECEIVE_COUNT = 1;
export const MAX_MAX_RECEIVE_COUNT = 1000;

/** SQS: message retention is 60 s to 1,209,600 s (14 days). @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html */
export const MIN_RETENTION_SECONDS = 60;
export const MAX_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/** SQS: maximum message size is 1,024 to 1,048,576 bytes (1 MiB). @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html */
export const MIN_MESSAGE_SIZE_BYTES = 1024;
export const MAX_MESSAGE_SIZE_BYTES = 1_048_576;

/** SQS: a queue's delivery delay is 0 s to 900 s (15 min). @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html */
export const MAX_DELIVERY_DELAY_SECONDS = 900;

/** CloudFormation: at most 500 resources and 200 outputs per stack. @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html */
export const MAX_STACK_RESOURCES = 500;
export const MAX_STACK_OUTPUTS = 200;

/** CloudFormation: logical ids (and so output ids) are alphanumeric, at most 255 characters. */
export const MAX_LOGICAL_ID_LENGTH = 255;
/** Lambda: a function description is at most 256 characters. @see https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html */
export const MAX_FUNCTION_DESCRIPTION_LENGTH = 256;
/** CloudFormation: an output description is at most 1024 bytes. @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html */
export const MAX_OUTPUT_DESCRIPTION_LENGTH = 1024;

/** CloudWatch: an alarm description holds at most 1024 characters. */
export const MAX_ALARM_DESCRIPTION_LENGTH = 1024;
