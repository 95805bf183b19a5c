/**
 * Reads a DLQ's contents with the reason each job is there: the worker runtime's `jobqFailure`
 * attribute when it dead-lettered the job itself, otherwise the redrive policy's "exceeded
 * maxReceiveCount". Leaves the jobs in the DLQ, visible again, for anyone who inspects it after.
 */
import { ChangeMessageVisibilityBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { FAILURE_ATTRIBUTE, JOB_TYPE_ATTRIBUTE, type FailureContext } from '../jobs/wire.js';

/** Long enough that a message read once is not read again while the DLQ is being listed. */
const LISTING_VISIBILITY_SECONDS = 60;

export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly claimedJobType: string | undefined;
  /** Present when the worker runtime dead-lettered the job itself. */
  readonly failure: FailureContext | undefined;
}

export async function readDeadLetters(client: SQSClient, deadLetterQueueUrl: string): Promise<DeadLetter[]> {
  const messages: Message[] = [];
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: deadLetterQueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: LISTING_VISIBILITY_SECONDS, MessageAttributeNames: ['All'] }),
    );
    if (Messages.length === 0) break;
    messages.push(...Messages);
  }
  for (let i = 0; i < messages.length; i += 10) {
    await client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: deadLetterQueueUrl,
        Entries: messages.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
      }),
    );
  }
  return messages.map((m) => ({
    messageId: m.MessageId!,
    body: m.Body ?? '',
    claimedJobType: m.MessageAttributes?.[JOB_TYPE_ATTRIBUTE]?.StringValue,
    failure: parseFailure(m.MessageAttributes?.[FAILURE_ATTRIBUTE]?.StringValue),
  }));
}

function parseFailure(value: string | undefined): FailureContext | undefined {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as FailureContext;
  } catch {
    return { reason: 'permanent-failure', errorName: 'Unparsable', errorMessage: value, expectedJobType: '', receiveCount: 0, originalMessageId: '', failedAt: '' };
  }
}

/** One line: why the job is in the DLQ. */
export function deadLetterReason(letter: DeadLetter, receives: number | undefined, maxReceiveCount: number, lastError: string | undefined): string {
  if (letter.failure) {
    const f = letter.failure;
    return `${f.reason} after ${f.receiveCount} receive${f.receiveCount === 1 ? '' : 's'}: ${f.errorName}: ${f.errorMessage}`;
  }
  const n = receives ?? maxReceiveCount;
  return `exceeded maxReceiveCount (${n} receives)${lastError ? `; last error: ${lastError}` : ''}`;
}

/**
 * The original message ids of the jobs in a DLQ, read without receiving them through the emulator's
 * inspection endpoint (fauxqs only). A job the worker runtime dead-lettered itself has a new message
 * id, and its original in `jobqFailure`; the invocation that did it counts as a success to the mapping.
 */
export async function peekDeadLetterIds(endpoint: string, deadLetterQueueName: string): Promise<Set<string>> {
  interface Inspected {
    messageId: string;
    messageAttributes?: Record<string, { StringValue?: string }>;
  }
  const response = await fetch(`${endpoint}/_fauxqs/queues/${encodeURIComponent(deadLetterQueueName)}`);
  const { messages } = (await response.json()) as { messages: { ready: Inspected[]; delayed: Inspected[]; inflight: { message: Inspected }[] } };
  const all = [...messages.ready, ...messages.delayed, ...messages.inflight.map((i) => i.message)];
  return new Set(all.map((m) => parseFailure(m.messageAttributes?.[FAILURE_ATTRIBUTE]?.StringValue)?.originalMessageId || m.messageId));
}
