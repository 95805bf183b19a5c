/**
 * Lambda's SQS event source mapping, locally: pollers long-poll the queue for up to the batch size,
 * honour the batching window, never run more concurrent invocations than the maximum concurrency,
 * delete what the worker reported as done (partial batch response) and leave everything else to come
 * back after the visibility timeout. A thrown error or a timed-out invocation leaves the whole batch.
 * Moving jobs to the DLQ after maxReceiveCount receives is the queue's redrive policy, in the emulator.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse } from 'aws-lambda';
import { toSqsEvent } from './sqs-event.js';
import type { InvokeOutcome, WorkerEnvironment, WorkerPool } from './worker-pool.js';

/** Lambda starts with five concurrent pollers/invocations and adds more while batches keep coming. */
export const INITIAL_POLLERS = 5;
/** SQS: at most 10 messages per ReceiveMessage / DeleteMessageBatch call. */
export const SQS_MAX_BATCH = 10;
/**
 * Long-poll wait per receive. Shorter than SQS's 20 s maximum so a stopping runtime never waits long:
 * an in-flight receive cannot be aborted without losing the messages it is about to return.
 */
export const LONG_POLL_SECONDS = 1;
/** Without maximum concurrency Lambda scales to the account's limit; locally we stop at this many. */
export const LOCAL_UNBOUNDED_CONCURRENCY = 50;

export interface MappingSpec {
  readonly jobType: string;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  readonly batchSize: number;
  readonly batchingWindowMs: number;
  readonly maxConcurrency: number | undefined;
  readonly reportBatchItemFailures: boolean;
  readonly workerTimeoutMs: number;
}

export interface InvocationStarted {
  readonly jobType: string;
  readonly instanceId: string;
  readonly messages: readonly { readonly messageId: string; readonly receiveCount: number }[];
  /** Invocations of this job type running now, this one included. */
  readonly concurrency: number;
  readonly at: number;
}

export interface InvocationSettled {
  readonly jobType: string;
  readonly instanceId: string;
  readonly outcome: InvokeOutcome;
  readonly succeeded: readonly string[];
  readonly failed: readonly string[];
}

/** Hooks for progress and reports; called synchronously, keep them cheap. */
export interface MappingObserver {
  invocationStarted?(e: InvocationStarted): void;
  invocationSettled?(e: InvocationSettled): void;
  pollerError?(jobType: string, error: unknown): void;
}

export class EventSourceMapping {
  private running = false;
  private pollers: Promise<void>[] = [];
  private inFlight = 0;
  private busyPollers = 0;
  private readonly limit: number;

  constructor(
    private readonly spec: MappingSpec,
    private readonly client: SQSClient,
    private readonly pool: WorkerPool,
    private readonly observer: MappingObserver = {},
  ) {
    this.limit = spec.maxConcurrency ?? LOCAL_UNBOUNDED_CONCURRENCY;
  }

  start(): void {
    this.running = true;
    for (let i = 0; i < Math.min(INITIAL_POLLERS, this.limit); i++) this.addPoller();
  }

  /** Stops polling and waits for running invocations to settle; `start()` may follow, on warm environments. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.pollers);
    this.pollers = [];
  }

  private addPoller(): void {
    this.pollers.push(this.poll());
  }

  /**
   * One poller: holds a warm environment, fills a batch, invokes. Taking the environment before
   * receiving keeps a thread's start-up (seconds on a busy machine) out of the jobs' visibility timeout.
   */
  private async poll(): Promise<void> {
    let env: WorkerEnvironment | undefined;
    while (this.running) {
      try {
        if (env && !env.alive) this.pool.release(env); // a timed-out environment is gone: start another
        if (!env?.alive) env = await this.pool.acquire();
        const batch = await this.gatherBatch();
        if (batch.length === 0) continue;
        this.busyPollers++;
        // Batches keep coming and every poller is busy: scale out, up to the maximum concurrency.
        if (this.busyPollers === this.pollers.length && this.pollers.length < this.limit) this.addPoller();
        try {
          await this.invoke(env, batch);
        } finally {
          this.busyPollers--;
        }
      } catch (error) {
        if (!this.running) break;
        this.observer.pollerError?.(this.spec.jobType, error);
        await sleep(100);
      }
    }
    if (env) this.pool.release(env);
  }

  /** Up to batchSize messages: one receive, or as many as fit in the batching window. */
  private async gatherBatch(): Promise<Message[]> {
    const { batchSize, batchingWindowMs } = this.spec;
    const batch = await this.receive(Math.min(SQS_MAX_BATCH, batchSize), LONG_POLL_SECONDS);
    if (batch.length === 0 || batchingWindowMs <= 0) return batch;
    const deadline = Date.now() + batchingWindowMs;
    while (batch.length < batchSize && this.running) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      const wait = remaining >= 1000 ? 1 : 0;
      const more = await this.receive(Math.min(SQS_MAX_BATCH, batchSize - batch.length), wait);
      batch.push(...more);
      if (more.length === 0 && wait === 0) await sleep(Math.min(remaining, 10));
    }
    return batch;
  }

  private async receive(max: number, waitSeconds: number): Promise<Message[]> {
    const { Messages } = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.spec.queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    return Messages ?? [];
  }

  private async invoke(env: WorkerEnvironment, batch: Message[]): Promise<void> {
    const { jobType } = this.spec;
    this.inFlight++;
    let outcome: InvokeOutcome;
    try {
      this.observer.invocationStarted?.({
        jobType,
        instanceId: env.instanceId,
        messages: batch.map((m) => ({ messageId: m.MessageId!, receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1) })),
        concurrency: this.inFlight,
        at: Date.now(),
      });
      outcome = await env.invoke(toSqsEvent(batch, this.spec.queueArn, this.spec.region), this.spec.workerTimeoutMs);
    } finally {
      this.inFlight--;
    }
    const failedIds = failedMessageIds(batch, outcome, this.spec.reportBatchItemFailures);
    const succeeded = batch.filter((m) => !failedIds.has(m.MessageId!));
    await this.delete(succeeded);
    this.observer.invocationSettled?.({
      jobType,
      instanceId: env.instanceId,
      outcome,
      succeeded: succeeded.map((m) => m.MessageId!),
      failed: batch.filter((m) => failedIds.has(m.MessageId!)).map((m) => m.MessageId!),
    });
  }

  private async delete(messages: Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += SQS_MAX_BATCH) {
      const chunk = messages.slice(i, i + SQS_MAX_BATCH);
      await this.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.spec.queueUrl,
          Entries: chunk.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
  }
}

/**
 * Which records Lambda leaves on the queue. A thrown error or timeout: all of them. A partial batch
 * response: the listed ones; an identifier that is empty or not in the batch makes the whole batch fail.
 * Without ReportBatchItemFailures on the mapping, Lambda ignores the response and deletes everything.
 */
export function failedMessageIds(batch: readonly Message[], outcome: InvokeOutcome, reportBatchItemFailures: boolean): Set<string> {
  const all = new Set(batch.map((m) => m.MessageId!));
  if (outcome.kind !== 'response') return all;
  if (!reportBatchItemFailures) return new Set();
  const failures = (outcome.response as Partial<SQSBatchResponse> | null)?.batchItemFailures;
  if (!Array.isArray(failures)) return new Set();
  const ids = failures.map((f) => (f as { itemIdentifier?: unknown })?.itemIdentifier);
  if (ids.some((id) => typeof id !== 'string' || !all.has(id))) return all;
  return new Set(ids as string[]);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
