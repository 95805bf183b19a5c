/** `jobq failed <jobType>`: the jobs in the DLQ with why they failed, without consuming them. */
import type { Message } from '@aws-sdk/client-sqs';
import { FAILURE_ATTRIBUTE, REDRIVE_COUNT_ATTRIBUTE, type FailureContext } from '../jobs/wire.js';
import type { Context } from './context.js';
import { findJobType } from './discover.js';
import { toCliError } from './errors.js';
import { formatTimestamp, truncate } from './output.js';
import { peekJobs, visibleCount } from './peek.js';

/** One failed job as `--json` prints it. */
export interface FailedJob {
  readonly messageId: string;
  readonly sentAt: string;
  readonly receiveCount: number;
  readonly messageGroupId: string | null;
  readonly redrives: number;
  /** The runtime's failure context, or null when SQS moved the job after maxReceiveCount receives. */
  readonly failure: FailureContext | null;
  readonly body: string;
}

export async function failed(ctx: Context, jobType: string, options: { limit: number }): Promise<number> {
  const target = await findJobType(ctx, jobType);
  let messages: Message[];
  let total: number;
  try {
    total = await visibleCount(ctx.clients.sqs, target.deadLetterQueueUrl);
    messages = await peekJobs(ctx.clients.sqs, target.deadLetterQueueUrl, options.limit);
  } catch (error) {
    throw toCliError(error, `Reading the DLQ of '${jobType}'`);
  }
  const jobs = messages.map(toFailedJob);
  ctx.out.note(`${total} job(s) in the DLQ of '${jobType}'; showing ${jobs.length}. Nothing was consumed.`);
  if (target.fifo && jobs.length < Math.min(total, options.limit)) {
    ctx.out.note('FIFO: SQS hands out a group\'s next job only once the one before it is gone, so a peek sees the first job of each message group.');
  }
  ctx.out.table(
    ['message id', 'sent at', 'receives', 'redrives', ...(target.fifo ? ['group'] : []), 'reason', 'error', 'body'],
    jobs.map((j) => [
      j.messageId,
      j.sentAt,
      String(j.receiveCount),
      String(j.redrives),
      ...(target.fifo ? [j.messageGroupId ?? ''] : []),
      j.failure?.reason ?? 'max receives reached',
      truncate(j.failure ? `${j.failure.errorName}: ${j.failure.errorMessage}` : 'n/a (the worker failed or timed out on every receive)', 60),
      truncate(j.body, 40),
    ]),
    { jobType, total, jobs },
  );
  return 0;
}

function toFailedJob(message: Message): FailedJob {
  const failureText = message.MessageAttributes?.[FAILURE_ATTRIBUTE]?.StringValue;
  let failure: FailureContext | null = null;
  if (failureText) {
    try {
      failure = JSON.parse(failureText) as FailureContext;
    } catch {
      failure = null;
    }
  }
  return {
    messageId: message.MessageId ?? '',
    sentAt: formatTimestamp(message.Attributes?.SentTimestamp),
    // One receive is this peek's own.
    receiveCount: Math.max(Number(message.Attributes?.ApproximateReceiveCount ?? 1) - 1, 0),
    messageGroupId: message.Attributes?.MessageGroupId ?? null,
    redrives: Number(message.MessageAttributes?.[REDRIVE_COUNT_ATTRIBUTE]?.StringValue ?? 0),
    failure,
    body: message.Body ?? '',
  };
}
