/** The SQS emulator (fauxqs) in-process on 127.0.0.1, a real SDK client for it, and job-queue pairs. */
import { randomUUID } from 'node:crypto';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';

export interface Emulator {
  readonly endpoint: string;
  readonly sqs: SQSClient;
  close(): Promise<void>;
}

/** Starts fauxqs on a random loopback port. */
export async function startEmulator(): Promise<Emulator> {
  const app = buildApp({ logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('fauxqs did not bind a TCP port');
  const endpoint = `http://127.0.0.1:${address.port}`;
  const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return {
    endpoint,
    sqs,
    async close() {
      sqs.destroy();
      await app.close();
    },
  };
}

/** A unique stack-name prefix per test, so tests never see each other's queues. */
export function uniqueStack(): string {
  return `T${randomUUID().slice(0, 8)}`;
}

export interface QueuePair {
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
}

/** Creates `<stack>-<jobType>` and its `-dlq` the way JobQueue names them, with the redrive policy. */
export async function createJobQueues(
  sqs: SQSClient,
  stack: string,
  jobType: string,
  options: { fifo?: boolean; maxReceiveCount?: number } = {},
): Promise<QueuePair> {
  const ext = options.fifo ? '.fifo' : '';
  const fifoAttrs: Record<string, string> = options.fifo ? { FifoQueue: 'true' } : {};
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${stack}-${jobType}-dlq${ext}`, Attributes: fifoAttrs }));
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${stack}-${jobType}${ext}`,
      Attributes: {
        ...fifoAttrs,
        ...(options.fifo ? { ContentBasedDeduplication: 'true' } : {}),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: options.maxReceiveCount ?? 5 }),
      },
    }),
  );
  return { queueUrl: queue.QueueUrl!, deadLetterQueueUrl: dlq.QueueUrl! };
}

/** ApproximateNumberOfMessages / NotVisible of a queue. */
export async function queueCounts(sqs: SQSClient, queueUrl: string): Promise<{ visible: number; inFlight: number }> {
  const a =
    (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      )
    ).Attributes ?? {};
  return { visible: Number(a.ApproximateNumberOfMessages), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible) };
}
