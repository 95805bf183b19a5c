import type { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
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
   * The worker function's timeout. With an existing `worker`, pass that function's timeout: the
   * visibility timeout is derived from it.
   */
  readonly workerTimeout: Duration;

  /**
   * Memory of the bundled worker function, in MB. Ignored with an existing `worker`.
   *
   * @default 128
   */
  readonly workerMemorySize?: number;

  /**
   * How long a received job stays hidden from other workers.
   *
   * @default - 6 × workerTimeout + maxBatchingWindow, capped at 12 hours
   * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
   */
  readonly visibilityTimeout?: Duration;

  /**
   * Receives after which SQS moves a job to the DLQ.
   *
   * @default 5
   */
  readonly maxReceiveCount?: number;

  /**
   * Most records the worker receives in one invocation.
   *
   * @default 10
   */
  readonly batchSize?: number;

  /**
   * How long Lambda gathers records before invoking the worker.
   *
   * @default - no batching window
   */
  readonly maxBatchingWindow?: Duration;

  /**
   * Most concurrent worker invocations the event source mapping starts (its ScalingConfig).
   *
   * @default 10
   * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
   */
  readonly maxConcurrency?: number;

  /**
   * Reserved concurrency of the bundled worker function.
   *
   * @default - not set: the function uses the account's unreserved pool
   */
  readonly reservedConcurrency?: number;

  /**
   * How long the source queue keeps a job.
   *
   * @default Duration.days(4)
   */
  readonly retentionPeriod?: Duration;

  /**
   * How long the DLQ keeps a failed job.
   *
   * @default Duration.days(14)
   */
  readonly deadLetterRetentionPeriod?: Duration;

  /**
   * Whether the source queue and its DLQ are FIFO queues (names end in `.fifo`). With `job`, leave it
   * unset (or equal to `job.fifo`).
   *
   * @default - `job.fifo`, or false without `job`
   */
  readonly fifo?: boolean;
}
