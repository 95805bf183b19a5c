/**
 * Reads jobs off a queue without consuming them: each page is received with a short visibility
 * timeout (so the next page brings new jobs) and every job is made visible again (visibility 0) before
 * returning, even on error. Receiving raises a job's receive count; use it on DLQs only, where no
 * redrive policy counts receives.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { PEEK_VISIBILITY_SECONDS, SQS_BATCH_SIZE } from './defaults.js';

/** Up to `limit` jobs from `queueUrl`, in the order SQS returns them, with all attributes; none consumed. */
export async function peekJobs(sqs: SQSClient, queueUrl: string, limit: number): Promise<Message[]> {
  const visible = await visibleCount(sqs, queueUrl);
  const target = Math.min(limit, visible);
  const seen = new Map<string, Message>();
  const handles: { id: string; handle: string }[] = [];
  try {
    while (seen.size < target) {
      const page = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(SQS_BATCH_SIZE, target - seen.size),
          VisibilityTimeout: PEEK_VISIBILITY_SECONDS,
          // A short poll may miss jobs on a busy distributed queue; one second of long poll does not.
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      const messages = page.Messages ?? [];
      if (messages.length === 0) break;
      for (const message of messages) {
        if (message.ReceiptHandle) handles.push({ id: `m${handles.length}`, handle: message.ReceiptHandle });
        if (message.MessageId && !seen.has(message.MessageId)) seen.set(message.MessageId, message);
      }
    }
  } finally {
    await makeVisible(sqs, queueUrl, handles);
  }
  return [...seen.values()];
}

/** ApproximateNumberOfMessages of a queue. */
export async function visibleCount(sqs: SQSClient, queueUrl: string): Promise<number> {
  const response = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(response.Attributes?.ApproximateNumberOfMessages ?? 0);
}

/** Sets visibility 0 on every receipt handle, ten at a time. */
export async function makeVisible(sqs: SQSClient, queueUrl: string, handles: readonly { id: string; handle: string }[]): Promise<void> {
  for (let i = 0; i < handles.length; i += SQS_BATCH_SIZE) {
    const chunk = handles.slice(i, i + SQS_BATCH_SIZE);
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((h) => ({ Id: h.id, ReceiptHandle: h.handle, VisibilityTimeout: 0 })),
      }),
    );
  }
}
