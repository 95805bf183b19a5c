/**
 * A job type's contract: its name, its payload schema and whether its queue is FIFO.
 *
 * The registry is shared by the constructs, the worker runtime and (later) the producer client, so it
 * imports neither aws-cdk-lib nor the AWS SDK. Schemas use `zod/mini`, which keeps a worker bundle
 * near 20 KB where classic zod costs ~450 KB per function.
 */
import type * as z from 'zod/mini';

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
}

/** The payload type of a job definition. */
export type PayloadOf<TJob extends JobDefinition> = z.infer<TJob['schema']>;

export interface DefineJobOptions<TName extends string, TSchema extends z.ZodMiniType> {
  readonly name: TName;
  readonly schema: TSchema;
  /** @default false */
  readonly fifo?: boolean;
  readonly description: string;
}

/** Declares a job type. Throws when the name is not kebab-case. */
export function defineJob<TName extends string, TSchema extends z.ZodMiniType>(
  options: DefineJobOptions<TName, TSchema>,
): JobDefinition<TName, TSchema> {
  if (!JOB_TYPE_PATTERN.test(options.name)) {
    throw new Error(
      `Job type '${options.name}' is not kebab-case: use lowercase letters and digits in hyphen-separated words, starting with a letter (for example 'email-sending').`,
    );
  }
  return { name: options.name, schema: options.schema, fifo: options.fifo ?? false, description: options.description };
}
