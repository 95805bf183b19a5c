/**
 * Sends one job in the wire format (lib/jobs/wire.ts): body = the JSON payload, String attribute
 * `jobType`. Kept in this one module so the typed producer client can replace it.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { JOB_TYPE_ATTRIBUTE } from '../jobs/wire.js';

export interface SendJobInput {
  readonly queueUrl: string;
  readonly jobType: string;
  readonly payload: unknown;
  readonly fifo: boolean;
  /** Required on FIFO queues: jobs of one group run in order, one at a time. */
  readonly messageGroupId?: string;
  /** FIFO only; the queue deduplicates by content when unset. */
  readonly messageDeduplicationId?: string;
}

/** Sends the job; returns its message id. */
export async function sendJob(sqs: SQSClient, input: SendJobInput): Promise<string> {
  const response = await sqs.send(
    new SendMessageCommand({
      QueueUrl: input.queueUrl,
      MessageBody: JSON.stringify(input.payload),
      MessageAttributes: { [JOB_TYPE_ATTRIBUTE]: { DataType: 'String', StringValue: input.jobType } },
      MessageGroupId: input.fifo ? input.messageGroupId : undefined,
      MessageDeduplicationId: input.fifo ? input.messageDeduplicationId : undefined,
    }),
  );
  return response.MessageId ?? '';
}
