import type { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { JobQueueEncryption } from './encryption.js';
import type { JobDefinition } from '../jobs/define-job.js';

/**
 * Props of a `JobQueue`: one job type's queue, DLQ, worker and event source mapping.
 *
 * Names follow AWS's words (`visibilityTimeout`, `maxReceiveCount`, `batchSize`, `maxConcurrency`);
 * every optional prop's default lives in `defaults.ts`.
 */
export interface JobQueueProps {
  /**
   * The job type's definition from the registry (`defineJob`). Its name and FIFO flag become this
   * queue's, so the infrastructure can never disagree with the code. Set `job` or `jobType`.
   *
   * @default - none; `jobType` must be set instead
   */
  readonly job?: JobDefinition;

  /**
   * The job type, kebab-case (`email-sending`). Names the queue, DLQ, worker function and stack outputs,
   * and must be unique within a stack. With `job`, leave it unset (or equal to `job.name`).
   *
   * @default - `job.name`
   */
  readonly jobType?: string;

  /**
   * Path of the worker's handler file (exporting `handler`). It is bundled locally with esbuild
   * (never Docker) for Node.js 24 on arm64. Set exactly one of `workerEntry` and `worker`.
   *
   * @default - none; `worker` must be set instead
   */
  readonly workerEntry?: string;

  /**
   * An existing function to use as the worker. `JobQueue` wires the mapping and grants its role
   * consume on the queue and send on the DLQ. Set exactly one of `workerEntry` and `worker`.
   *
   * @default - none; `workerEntry` must be set instead
   */
  readonly worker?: lambda.IFunction;

  /**
   * The worker function's timeout: whole seconds from 1 second to 15 minutes. With an existing `worker`,
   * pass that function's timeout: the visibility timeout is derived from it.
   *
   * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
   */
  readonly workerTimeout: Duration;

  /**
   * Memory of the bundled worker function, in MB: an integer from 128 to 10,240. Ignored (with a
   * warning) with an existing `worker`.
   *
   * @default 128
   * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
   */
  readonly workerMemorySize?: number;

  /**
   * How long a received job stays hidden from other workers: whole seconds, at least `workerTimeout`
   * and at most 12 hours. Below 6 × workerTimeout + maxBatchingWindow it draws a warning.
   *
   * @default - 6 × workerTimeout + maxBatchingWindow, capped at 12 hours
   * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
   */
  readonly visibilityTimeout?: Duration;

  /**
   * Receives after which SQS moves a job to the DLQ: an integer from 1 to 1000. Below 5 with
   * `reservedConcurrency` set it draws a warning (throttled receives count too).
   *
   * @default 5
   * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
   */
  readonly maxReceiveCount?: number;

  /**
   * Most records the worker receives in one invocation: 1 to 10, or up to 10,000 with a
   * `maxBatchingWindow` of at least 1 second (standard queues only; FIFO allows at most 10).
   *
   * @default 10
   * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
   */
  readonly batchSize?: number;

  /**
   * How long Lambda gathers records before invoking the worker: whole seconds up to 300. Standard
   * queues only; leave it unset (or 0) on FIFO queues.
   *
   * @default - no batching window
   */
  readonly maxBatchingWindow?: Duration;

  /**
   * Most concurrent worker invocations the event source mapping starts (its ScalingConfig): an integer
   * from 2 to 1000, and at most `reservedConcurrency` when that is set.
   *
   * @default - `reservedConcurrency` (capped at 1000) when that is set, otherwise 10
   * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
   */
  readonly maxConcurrency?: number;

  /**
   * Reserved concurrency of the bundled worker function: an integer of at least 2 (the mapping's smallest
   * maximum concurrency), and at least `maxConcurrency`. With an existing `worker`, pass that function's
   * reserved concurrency: it is not applied, but `maxConcurrency` is derived from it and checked against it.
   *
   * @default - not set: the function uses the account's unreserved pool
   * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
   */
  readonly reservedConcurrency?: number;

  /**
   * How long the source queue keeps a job: whole seconds from 60 seconds to 14 days, and long enough
   * for a failing job to use all its receives (maxReceiveCount × visibilityTimeout).
   *
   * @default Duration.days(4)
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
   */
  readonly retentionPeriod?: Duration;

  /**
   * How long the DLQ keeps a failed job: whole seconds from 60 seconds to 14 days. On a standard queue
   * SQS counts it from the job's *original* enqueue time, so it must be at least `retentionPeriod`;
   * on a FIFO queue the clock restarts in the DLQ.
   *
   * @default Duration.days(14)
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
   */
  readonly deadLetterRetentionPeriod?: Duration;

  /**
   * Whether the source queue and its DLQ are FIFO queues (names end in `.fifo`). With `job`, leave it
   * unset (or equal to `job.fifo`).
   *
   * @default - `job.fifo`, or false without `job`
   */
  readonly fifo?: boolean;

  /**
   * FIFO only: whether SQS deduplicates on the body's SHA-256 when a producer sends no deduplication id.
   * Rejected on standard queues.
   *
   * @default true
   */
  readonly contentBasedDeduplication?: boolean;

  /**
   * Physical name of the source queue: 1 to 80 characters of letters, digits, `-` and `_`; a FIFO
   * queue's name ends in `.fifo` (counted), a standard queue's never does.
   *
   * @default - `<stack>-<jobType>` (+ `.fifo`), shortened stably with a hash to fit 80 characters
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
   */
  readonly queueName?: string;

  /**
   * Physical name of the DLQ, with the same rules as `queueName`. It must differ from the queue's name,
   * and be FIFO (end in `.fifo`) exactly when the source queue is.
   *
   * @default - `<queueName>-dlq` (+ `.fifo`) when `queueName` is set, otherwise `<stack>-<jobType>-dlq`
   *   (+ `.fifo`), shortened stably with a hash to fit 80 characters
   */
  readonly deadLetterQueueName?: string;

  /**
   * Largest message the source queue accepts, in bytes: an integer from 1,024 to 1,048,576 (1 MiB).
   *
   * @default - SQS's default (not set in the template)
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
   */
  readonly maxMessageSizeBytes?: number;

  /**
   * How long SQS hides every new job before a worker can receive it: whole seconds up to 15 minutes.
   *
   * @default - no delay
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html
   */
  readonly deliveryDelay?: Duration;

  /**
   * Whether this job type gets its alarms: DLQ not empty, oldest job too old, worker errors, worker
   * throttles (see `JobQueueAlarms`).
   *
   * @default true
   */
  readonly alarms?: boolean;

  /**
   * The SNS topic every alarm of this job type acts on (in alarm and back to OK).
   *
   * @default - one topic per stack, shared by its job types, encrypted with a customer-managed KMS key
   *   that CloudWatch may use (`JobQueuesAlarmTopic`)
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Age of the oldest job on the source queue at which the backlog alarm fires.
   *
   * @default - maxReceiveCount × visibilityTimeout, capped at half the retention period
   */
  readonly oldestMessageAgeAlarmThreshold?: Duration;

  /**
   * Encryption at rest of the queue and its DLQ: SSE-SQS, or SSE-KMS with one customer-managed key
   * for both (`JobQueueEncryption.kms(key)`, or `JobQueueEncryption.kms()` to have a key created with
   * rotation on). Every grant then carries the key actions it needs on that key, and no more.
   *
   * @default JobQueueEncryption.SQS_MANAGED
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
   */
  readonly encryption?: JobQueueEncryption;
}
