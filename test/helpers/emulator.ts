/** The SQS emulator (fauxqs) in-process on 127.0.0.1, driven by the real SDK. */
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export interface Emulator {
  readonly endpoint: string;
  readonly sqs: SQSClient;
  close(): Promise<void>;
}

/** Starts fauxqs on a random loopback port with an SDK client pointed at it. */
export async function startEmulator(): Promise<Emulator> {
  const app = buildApp({ logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error(`fauxqs listens on an unexpected address: ${String(address)}`);
  const endpoint = `http://127.0.0.1:${address.port}`;
  const sqs = new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return {
    endpoint,
    sqs,
    async close() {
      sqs.destroy();
      await app.close();
    },
  };
}

/** A uniquely named queue; FIFO when asked. Returns its URL. */
export async function createQueue(sqs: SQSClient, prefix: string, fifo = false): Promise<string> {
  const name = `${prefix}-${randomUUID().slice(0, 8)}${fifo ? '.fifo' : ''}`;
  const out = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: fifo ? { FifoQueue: 'true' } : {} }));
  return out.QueueUrl!;
}

/** Receives up to 10 messages with every attribute. */
export async function receiveAll(sqs: SQSClient, queueUrl: string, visibilityTimeout?: number): Promise<Message[]> {
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
      WaitTimeSeconds: 0,
      ...(visibilityTimeout !== undefined ? { VisibilityTimeout: visibilityTimeout } : {}),
    }),
  );
  return out.Messages ?? [];
}

/** Visible + in-flight + delayed messages of a queue. */
export async function messageCount(sqs: SQSClient, queueUrl: string): Promise<number> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  const a = out.Attributes ?? {};
  return Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible) + Number(a.ApproximateNumberOfMessagesDelayed);
}

/** An SDK-received message as the Lambda record the event source mapping would deliver. */
export function recordFromMessage(message: Message, queueArn = 'arn:aws:sqs:us-east-1:000000000000:emulated'): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? '0',
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? '0',
      ...(attributes.MessageGroupId !== undefined ? { MessageGroupId: attributes.MessageGroupId } : {}),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, a]) => [
        name,
        {
          dataType: a.DataType!,
          stringListValues: [],
          binaryListValues: [],
          ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
          ...(a.BinaryValue !== undefined ? { binaryValue: Buffer.from(a.BinaryValue).toString('base64') } : {}),
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
}

/**
 * Does what the event source mapping does, once: receives a batch, invokes the worker, then deletes
 * every message not reported in `batchItemFailures` (a thrown invocation deletes nothing).
 */
export async function deliverOnce(
  sqs: SQSClient,
  queueUrl: string,
  handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>,
  context: Context,
): Promise<{ records: SQSRecord[]; response: SQSBatchResponse }> {
  const messages = await receiveAll(sqs, queueUrl);
  const records = messages.map((m) => recordFromMessage(m));
  const response = await handler({ Records: records }, context);
  const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
  for (const m of messages) {
    if (!failed.has(m.MessageId!)) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }));
  }
  return { records, response };
}
