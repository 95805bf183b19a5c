/**
 * How the demo's producers send a job: the one place that speaks the wire format (body = JSON payload,
 * String attribute `jobType`), so it can switch to the typed producer client without touching the rest.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { JOB_TYPE_ATTRIBUTE } from '../../jobs/wire.js';

export interface OutgoingJob {
  readonly queueUrl: string;
  /** The job type the message claims (normally the queue's own). */
  readonly jobType: string;
  readonly payload: unknown;
  /** FIFO queues only. */
  readonly messageGroupId?: string;
}

/** Sends one job; resolves to its SQS message id. */
export async function sendJob(client: SQSClient, job: OutgoingJob): Promise<string> {
  const { MessageId } = await client.send(
    new SendMessageCommand({
      QueueUrl: job.queueUrl,
      MessageBody: JSON.stringify(job.payload),
      MessageAttributes: { [JOB_TYPE_ATTRIBUTE]: { DataType: 'String', StringValue: job.jobType } },
      ...(job.messageGroupId ? { MessageGroupId: job.messageGroupId } : {}),
    }),
  );
  return MessageId!;
}
