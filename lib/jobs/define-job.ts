/**
 * A job type's contract: its name, its payload schema and whether its queue is FIFO.
 *
 * The registry is shared by the constructs, the worker runtime and (later) the producer client, so it
 * imports neither aws-cdk-lib nor the AWS SDK. Schemas use `zod/mini`, which keeps a worker bundle
 * near 20 KB where classic zod costs ~450 KB per function.
 */
import type * as z from 'zod/mini';
import { SQS_MAX_MESSAGE_BYTES, SQS_MIN_MAX_MESSAGE_BYTES } from './limits.js';

/** Job types are kebab-case: lowercase letters and digits in hyphen-separated words, starting with a letter. */
export const JOB_TYPE_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface JobDefinition<TName extends string = string, TSchema extends z.ZodMiniType = z.ZodMiniType> {
  /** The job type, kebab-case; names the queue, DLQ, worker and outputs. */
  readonly name: TName;
  /** Schema every payload of this job type must satisfy. */
  readonly schema: TSchema;
  /** Whether the job type's queue (and DLQ) are FIFO. */
  readonly fifo: boolean;
  /** One line for humans: what the job does. */
  readonly description: string;
  /**
   * Largest message the producer client sends for this job type, in bytes as SQS counts them (body
   * plus attribute names, types and values). Match it to the queue's `MaximumMessageSize`.
   * Unset means SQS's maximum (1 MiB); `defineJob` always sets it.
   */
  readonly maxMessageBytes?: number;
  /** FIFO only: derives a job's message group id from its payload when the sender gives none. */
  messageGroupId?(payload: z.infer<TSchema>): string;
}

/** The payload type of a job definition. */
export type PayloadOf<TJob extends JobDefinition> = z.infer<TJob['schema']>;

export interface DefineJobOptions<TName extends string, TSchema extends z.ZodMiniType> {
  readonly name: TName;
  readonly schema: TSchema;
  /** @default false */
  readonly fifo?: boolean;
  readonly description: string;
  /**
   * Largest message the producer client sends for this job type, in bytes (body + attributes).
   *
   * @default 1048576 - SQS's maximum (1 MiB)
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
   */
  readonly maxMessageBytes?: number;
  /**
   * FIFO only: derives a job's message group id from its payload when the sender gives none.
   *
   * @default - none; every send to a FIFO job type must pass `messageGroupId`
   */
  readonly messageGroupId?: (payload: z.infer<TSchema>) => string;
}

/** Declares a job type. Throws when the name is not kebab-case or a limit is out of range. */
export function defineJob<TName extends string, TSchema extends z.ZodMiniType>(
  options: DefineJobOptions<TName, TSchema>,
): JobDefinition<TName, TSchema> {
  if (!JOB_TYPE_PATTERN.test(options.name)) {
    throw new Error(
      `Job type '${options.name}' is not kebab-case: use lowercase letters and digits in hyphen-separated words, starting with a letter (for example 'email-sending').`,
    );
  }
  const maxMessageBytes = options.maxMessageBytes ?? SQS_MAX_MESSAGE_BYTES;
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes < SQS_MIN_MAX_MESSAGE_BYTES || maxMessageBytes > SQS_MAX_MESSAGE_BYTES) {
    throw new Error(
      `Job type '${options.name}': maxMessageBytes (${maxMessageBytes} bytes) must be an integer from ${SQS_MIN_MAX_MESSAGE_BYTES} to ${SQS_MAX_MESSAGE_BYTES} bytes (SQS's range); leave it unset for ${SQS_MAX_MESSAGE_BYTES}.`,
    );
  }
  const fifo = options.fifo ?? false;
  if (options.messageGroupId && !fifo) {
    throw new Error(
      `Job type '${options.name}': messageGroupId is set but fifo is false; message groups only order FIFO queues, so set fifo: true or remove messageGroupId.`,
    );
  }
  return {
    name: options.name,
    schema: options.schema,
    fifo,
    description: options.description,
    maxMessageBytes,
    ...(options.messageGroupId ? { messageGroupId: options.messageGroupId } : {}),
  };
}
