/**
 * The typed producer client: built from the job registry, it sends jobs to their queues with the
 * payload type following the job type at compile time, and refuses before the network any job that
 * could never succeed (unknown type, payload breaking the schema, too large, FIFO group missing, no
 * queue URL). Works against AWS and any SQS-compatible endpoint: it only needs an `SQSClient`.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type * as z from 'zod/mini';
import type { JobDefinition } from '../jobs/define-job.js';
import { queueUrlEnvVar } from '../jobs/env.js';
import { SQS_MAX_BATCH_ENTRIES, SQS_MAX_MESSAGE_BYTES } from '../jobs/limits.js';
import { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_DELAY_MS } from './defaults.js';
import { MissingQueueUrlError, QueueMismatchError, SendFailedError, UnknownJobTypeError, type JobClientError } from './errors.js';
import { packBatches } from './pack.js';
import { prepareMessage, type PreparedMessage, type SendOptions } from './prepare.js';
import type { JobOutcome, SentJob } from './results.js';
import { sendBatch, type BatchItem, type RetryOptions } from './send-batch.js';

/** Job definitions, as a list or keyed by their job type (the registry's `jobs`). */
export type JobRegistryInput = readonly JobDefinition[] | { readonly [jobType: string]: JobDefinition };

/** The object form must key each definition by its own name. */
export type KeyedByName<T extends JobRegistryInput> = T extends readonly JobDefinition[] ? T : { readonly [K in keyof T]: JobDefinition<K & string, z.ZodMiniType> };

/** The registry keyed by job type, whichever way it was given. */
export type JobRegistry<T extends JobRegistryInput> = T extends readonly JobDefinition[] ? { readonly [D in T[number] as D['name']]: D } : T;

/** The job types a client sends. */
export type JobTypeOf<T extends JobRegistryInput> = keyof JobRegistry<T> & string;

/** What the sender passes for a job type: the schema's input. */
export type PayloadFor<T extends JobRegistryInput, K extends JobTypeOf<T>> = JobRegistry<T>[K] extends JobDefinition<string, infer S>
  ? z.input<S>
  : never;

/** One job of a `sendMany` call; the payload's type follows the job type. */
export type Job<T extends JobRegistryInput> = {
  [K in JobTypeOf<T>]: { readonly jobType: K; readonly payload: PayloadFor<T, K>; readonly options?: SendOptions };
}[JobTypeOf<T>];

export interface JobClientOptions<T extends JobRegistryInput> {
  /** The job definitions this client may send (the registry's `jobs`, or a list of definitions). */
  readonly jobs: T;
  /**
   * Queue URL per job type; wins over the environment.
   *
   * @default - each job type's `JOBQ_QUEUE_URL_<JOB_TYPE>` environment variable
   */
  readonly queueUrls?: { readonly [K in JobTypeOf<T>]?: string };
  /**
   * The SQS client to send with (its region, credentials and endpoint decide where jobs go).
   *
   * @default - `new SQSClient({})`: region and credentials from the environment; requests go to each queue URL's host
   */
  readonly sqs?: SQSClient;
  /**
   * Where the `JOBQ_QUEUE_URL_<JOB_TYPE>` variables are read from.
   *
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Retries of batch entries SQS failed without blaming the sender.
   *
   * @default { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 5000 }
   */
  readonly retry?: Partial<RetryOptions>;
  /**
   * SendMessageBatch requests in flight at once during one `sendMany`.
   *
   * @default 10
   */
  readonly maxConcurrentRequests?: number;
}

export interface JobClient<T extends JobRegistryInput> {
  /** Sends one job; resolves with its message id or rejects with a `JobClientError`. */
  send<K extends JobTypeOf<T>>(jobType: K, payload: PayloadFor<T, K>, options?: SendOptions): Promise<SentJob>;
  /**
   * Sends many jobs in as few SendMessageBatch requests as their sizes allow. Never rejects for a
   * job's sake: resolves with one outcome per job, in the order given (message id, or a typed error).
   */
  sendMany(jobs: readonly Job<T>[]): Promise<JobOutcome[]>;
  /** The queue URL a job type's jobs go to; throws `MissingQueueUrlError` when none is configured. */
  queueUrl(jobType: JobTypeOf<T>): string;
}

/** Builds a producer client for the given job definitions. */
export function createJobClient<const T extends JobRegistryInput>(options: JobClientOptions<T> & { readonly jobs: KeyedByName<T> }): JobClient<T> {
  const registry = toRegistry(options.jobs);
  const sqs = options.sqs ?? new SQSClient({});
  const env = options.env ?? process.env;
  const queueUrls: Readonly<Record<string, string | undefined>> = options.queueUrls ?? {};
  const retry: RetryOptions = {
    maxAttempts: options.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
    maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
  };
  const maxConcurrent = options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS;

  /** The explicit map first (own keys only: a job type may be called 'constructor'), then the environment. */
  const lookUpQueueUrl = (jobType: string): string | undefined =>
    (Object.hasOwn(queueUrls, jobType) ? queueUrls[jobType] : undefined) ?? (Object.hasOwn(env, queueUrlEnvVar(jobType)) ? env[queueUrlEnvVar(jobType)] : undefined);

  /** Everything that can be checked without the network: the job's message and its queue URL. */
  const resolve = (jobType: string, payload: unknown, sendOptions?: SendOptions): { message: PreparedMessage; queueUrl: string } | JobClientError => {
    const job = registry.get(jobType);
    if (!job) return new UnknownJobTypeError(jobType, [...registry.keys()]);
    const message = prepareMessage(job, payload, sendOptions);
    if ('code' in message) return message;
    const queueUrl = lookUpQueueUrl(jobType);
    if (!queueUrl) return new MissingQueueUrlError(jobType, queueUrlEnvVar(jobType));
    if (job.fifo !== queueUrl.endsWith('.fifo')) return new QueueMismatchError(jobType, queueUrl, job.fifo);
    return { message, queueUrl };
  };

  return {
    async send(jobType, payload, sendOptions) {
      const resolved = resolve(jobType, payload, sendOptions);
      if ('code' in resolved) throw resolved;
      const { message, queueUrl } = resolved;
      try {
        const output = await sqs.send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: message.body,
            MessageAttributes: message.attributes,
            MessageGroupId: message.messageGroupId,
            MessageDeduplicationId: message.messageDeduplicationId,
            DelaySeconds: message.delaySeconds,
          }),
        );
        return {
          jobType,
          messageId: output.MessageId ?? '',
          ...(output.SequenceNumber ? { sequenceNumber: output.SequenceNumber } : {}),
          attempts: 1,
        };
      } catch (error) {
        const { name, message: sqsMessage, $fault } = error as Error & { $fault?: string };
        throw new SendFailedError(jobType, { sqsCode: name, sqsMessage, senderFault: $fault === 'client', attempts: 1 }, { cause: error });
      }
    },

    async sendMany(jobs) {
      const outcomes: JobOutcome[] = new Array(jobs.length);
      const byQueue = new Map<string, { job: JobDefinition; items: BatchItem[] }>();
      for (const [index, { jobType, payload, options: sendOptions }] of jobs.entries()) {
        const resolved = resolve(jobType, payload, sendOptions);
        if ('code' in resolved) {
          outcomes[index] = { ok: false, index, jobType, error: resolved };
          continue;
        }
        const group = byQueue.get(resolved.queueUrl) ?? { job: registry.get(jobType)!, items: [] };
        group.items.push({ index, message: resolved.message });
        byQueue.set(resolved.queueUrl, group);
      }

      // One task per standard batch (run in parallel); one task per FIFO queue (its batches in order).
      const tasks: (() => Promise<void>)[] = [];
      const record = (results: readonly JobOutcome[]): void => {
        for (const outcome of results) outcomes[outcome.index] = outcome;
      };
      for (const [queueUrl, { job, items }] of byQueue) {
        const batches = packBatches(
          items.map((item) => item.message.sizeBytes),
          { maxEntries: SQS_MAX_BATCH_ENTRIES, maxBytes: job.maxMessageBytes ?? SQS_MAX_MESSAGE_BYTES, keepOrder: job.fifo },
        ).map((batch) => batch.map((position) => items[position]!));
        if (job.fifo) {
          tasks.push(async () => {
            for (const batch of batches) record(await sendBatch(sqs, queueUrl, batch, retry));
          });
        } else {
          for (const batch of batches) tasks.push(async () => record(await sendBatch(sqs, queueUrl, batch, retry)));
        }
      }
      await runLimited(tasks, maxConcurrent);
      return outcomes;
    },

    queueUrl(jobType) {
      const url = lookUpQueueUrl(jobType);
      if (!url) throw new MissingQueueUrlError(jobType, queueUrlEnvVar(jobType));
      return url;
    },
  };
}

/** The registry keyed by job type; throws when a key disagrees with its definition's name. */
function toRegistry(jobs: JobRegistryInput): ReadonlyMap<string, JobDefinition> {
  const entries: [string, JobDefinition][] = Array.isArray(jobs)
    ? (jobs as readonly JobDefinition[]).map((job) => [job.name, job])
    : Object.entries(jobs as Record<string, JobDefinition>);
  for (const [key, job] of entries) {
    if (key !== job.name) {
      throw new TypeError(
        `createJobClient: jobs['${key}'] holds the definition of '${job.name}'; key each definition by its own name (the registry's \`jobs\` object does) or pass a list of definitions.`,
      );
    }
  }
  return new Map(entries);
}

/** Runs the tasks with at most `limit` in flight. */
async function runLimited(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
