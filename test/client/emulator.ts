/**
 * The SQS emulator (fauxqs, in-process on 127.0.0.1) and SDK clients pointed at it, plus a recorder
 * that sees every request the real client sends, for tests of the producer client.
 */
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
  type SendMessageBatchCommandInput,
  type SendMessageBatchCommandOutput,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { randomUUID } from 'node:crypto';

export interface Emulator {
  readonly endpoint: string;
  close(): Promise<void>;
}

export async function startEmulator(): Promise<Emulator> {
  const app = buildApp({ logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { endpoint: address, close: () => app.close() };
}

/** A real SDK client for the emulator: dummy credentials, no retries beyond the SDK's own. */
export function sqsClientFor(emulator: Emulator): SQSClient {
  return new SQSClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

/** A uniquely named queue (FIFO when the name is to end in `.fifo`). */
export async function createQueue(sqs: SQSClient, prefix: string, fifo = false): Promise<string> {
  const name = `${prefix}-${randomUUID().slice(0, 8)}${fifo ? '.fifo' : ''}`;
  const out = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'true' } : {} }),
  );
  return out.QueueUrl!;
}

/**
 * Every message in the queue: received with all attributes and deleted (a FIFO group stays locked
 * while one of its messages is in flight) until the queue answers empty.
 */
export async function drainQueue(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const messages: Message[] = [];
  for (;;) {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'], VisibilityTimeout: 300, WaitTimeSeconds: 0 }),
    );
    if (!out.Messages || out.Messages.length === 0) return messages;
    messages.push(...out.Messages);
    await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: out.Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
    );
  }
}

/** One command the client sent: its name and input as it left the client's pipeline. */
export interface RecordedRequest {
  readonly command: string;
  readonly input: Record<string, unknown>;
}

/** Records every command the client sends, as it leaves any failure injection below. */
export function recordRequests(sqs: SQSClient): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  sqs.middlewareStack.add(
    (next, context) => async (args) => {
      requests.push({ command: String(context.commandName), input: structuredClone(args.input as Record<string, unknown>) });
      return next(args);
    },
    { step: 'initialize', name: 'recordRequests', priority: 'low' },
  );
  return requests;
}

/**
 * Injects retryable SendMessageBatch entry failures into the real client's pipeline. The emulator
 * only fails entries for sender faults; AWS also fails entries on its side (`SenderFault: false`).
 * An entry chosen by `fail(body, sendCount)` is taken out of the request before it leaves, so the
 * queue never gets it, and reported in `Failed` exactly as SQS reports an internal error.
 */
export function injectEntryFailures(sqs: SQSClient, fail: (body: string, sendCount: number) => boolean): { readonly injected: string[] } {
  const sends = new Map<string, number>();
  const injected: string[] = [];
  sqs.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'SendMessageBatchCommand') return next(args);
      const input = args.input as SendMessageBatchCommandInput & { Entries: SendMessageBatchRequestEntry[] };
      const failed: SendMessageBatchRequestEntry[] = [];
      const kept = input.Entries.filter((entry) => {
        const count = (sends.get(entry.MessageBody!) ?? 0) + 1;
        sends.set(entry.MessageBody!, count);
        if (!fail(entry.MessageBody!, count)) return true;
        failed.push(entry);
        injected.push(entry.Id!);
        return false;
      });
      if (failed.length === 0) return next(args);
      const result = kept.length > 0
        ? await next({ ...args, input: { ...input, Entries: kept } })
        : { output: { $metadata: {}, Successful: [], Failed: [] }, response: {} };
      const output = result.output as SendMessageBatchCommandOutput;
      output.Failed = [
        ...(output.Failed ?? []),
        ...failed.map((entry) => ({ Id: entry.Id!, SenderFault: false, Code: 'InternalError', Message: 'injected: SQS failed this entry on its side' })),
      ];
      return result;
    },
    { step: 'initialize', name: 'injectEntryFailures', priority: 'high' },
  );
  return { injected };
}
