/** Helpers for the local runtime tests: fixture apps synthesized into the scratch space, and queue readers. */
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { Stack } from 'aws-cdk-lib';
import { fileURLToPath } from 'node:url';
import { JobQueue } from '../../lib/constructs/job-queue.js';
import type { JobQueueProps } from '../../lib/constructs/job-queue-props.js';
import { RESULTS_QUEUE_NAME } from '../fixtures/recording-worker.js';
import { testApp } from './app.js';

export const RECORDING_WORKER = fileURLToPath(new URL('../fixtures/recording-worker.ts', import.meta.url));

/** Synthesizes a stack with one JobQueue per props (worker: the recording fixture unless given) and returns the assembly folder. */
export function synthFixtureApp(stackName: string, jobQueues: readonly Omit<JobQueueProps, 'workerEntry' | 'worker'>[]): string {
  // The CDK CLI turns asset metadata on; an in-process App needs it asked for, so the runtime finds the bundles.
  const app = testApp({ 'aws:cdk:enable-asset-metadata': true });
  const stack = new Stack(app, stackName);
  for (const props of jobQueues) new JobQueue(stack, props.jobType ?? props.job!.name, { workerEntry: RECORDING_WORKER, ...props });
  return app.synth().directory;
}

export interface FixtureResult {
  readonly id: string;
  readonly messageId: string;
  readonly group?: string;
  readonly outcome: 'done' | 'failed' | 'dead-lettered';
  readonly receiveCount: number;
  /** The emulator's time of the message's first receive. */
  readonly firstReceived: number;
  readonly started: number;
  readonly ended: number;
  readonly threadId: number;
}

/** Creates the queue the recording worker reports to. */
export async function createResultsQueue(client: SQSClient): Promise<string> {
  return (await client.send(new CreateQueueCommand({ QueueName: RESULTS_QUEUE_NAME }))).QueueUrl!;
}

/** Reads (and deletes) messages from a queue until `until` holds for what was read, or `timeoutMs` passes. */
export async function drain(client: SQSClient, queueUrl: string, until: (messages: Message[]) => boolean, timeoutMs: number): Promise<Message[]> {
  const messages: Message[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!until(messages) && Date.now() < deadline) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }),
    );
    messages.push(...Messages);
    if (Messages.length > 0) {
      await client.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
    }
  }
  return messages;
}

/** The recording worker's reports, read until `until` holds. */
export async function readResults(client: SQSClient, resultsUrl: string, until: (results: FixtureResult[]) => boolean, timeoutMs: number): Promise<FixtureResult[]> {
  const parse = (messages: Message[]) => messages.map((m) => JSON.parse(m.Body!) as FixtureResult);
  return parse(await drain(client, resultsUrl, (m) => until(parse(m)), timeoutMs));
}
