/**
 * Sends one packed batch with SendMessageBatch and follows every entry to an outcome: entries SQS
 * failed without blaming the sender are sent again with backoff; sender faults are not (the same
 * request would fail the same way); an entry missing from the response counts as a retryable failure.
 */
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import { backoffDelayMs } from './defaults.js';
import { SendFailedError } from './errors.js';
import type { PreparedMessage } from './prepare.js';
import type { JobOutcome } from './results.js';

/** How failed batch entries are retried. */
export interface RetryOptions {
  /** Sends of one job, counting the first. */
  readonly maxAttempts: number;
  /** First backoff, doubled per retry, with full jitter. */
  readonly baseDelayMs: number;
  /** Cap of one backoff. */
  readonly maxDelayMs: number;
}

/** One job in a batch: its position in the caller's list and its message. */
export interface BatchItem {
  readonly index: number;
  readonly message: PreparedMessage;
}

interface Failure {
  readonly item: BatchItem;
  readonly sqsCode: string;
  readonly sqsMessage: string;
  readonly senderFault: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the items to the queue; returns one outcome per item, in no particular order. */
export async function sendBatch(sqs: SQSClient, queueUrl: string, items: readonly BatchItem[], retry: RetryOptions): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  let pending = [...items];
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > 1) await sleep(backoffDelayMs(attempt - 2, retry.baseDelayMs, retry.maxDelayMs));
    const byId = new Map(pending.map((item) => [entryId(item), item]));
    let failures: Failure[];
    try {
      const output = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending.map(toEntry) }));
      for (const entry of output.Successful ?? []) {
        const item = byId.get(entry.Id ?? '');
        if (!item) continue;
        byId.delete(entry.Id!);
        outcomes.push({
          ok: true,
          index: item.index,
          jobType: item.message.jobType,
          messageId: entry.MessageId ?? '',
          ...(entry.SequenceNumber ? { sequenceNumber: entry.SequenceNumber } : {}),
          attempts: attempt,
        });
      }
      failures = (output.Failed ?? []).flatMap((entry) => {
        const item = byId.get(entry.Id ?? '');
        if (!item) return [];
        byId.delete(entry.Id!);
        return [{ item, sqsCode: entry.Code ?? 'Unknown', sqsMessage: entry.Message ?? 'no message', senderFault: entry.SenderFault ?? false }];
      });
      // Nothing is dropped silently: an entry SQS did not mention was not confirmed, so it is sent again.
      for (const item of byId.values()) {
        failures.push({ item, sqsCode: 'MissingFromResponse', sqsMessage: 'SQS reported neither success nor failure for this entry', senderFault: false });
      }
    } catch (error) {
      // The whole request failed after the SDK's own retries: every pending job ends here, with the cause.
      const { name, message, $fault } = error as Error & { $fault?: string };
      for (const item of pending) {
        outcomes.push({
          ok: false,
          index: item.index,
          jobType: item.message.jobType,
          error: new SendFailedError(item.message.jobType, { sqsCode: name, sqsMessage: message, senderFault: $fault === 'client', attempts: attempt }, { cause: error }),
        });
      }
      break;
    }
    pending = [];
    for (const failure of failures) {
      if (!failure.senderFault && attempt < retry.maxAttempts) {
        pending.push(failure.item);
        continue;
      }
      const { item, ...details } = failure;
      outcomes.push({ ok: false, index: item.index, jobType: item.message.jobType, error: new SendFailedError(item.message.jobType, { ...details, attempts: attempt }) });
    }
  }
  return outcomes;
}

/** Batch entry ids: the job's position in the caller's list (unique per call, alphanumeric). */
function entryId(item: BatchItem): string {
  return `job${item.index}`;
}

function toEntry(item: BatchItem): SendMessageBatchRequestEntry {
  const { message } = item;
  return {
    Id: entryId(item),
    MessageBody: message.body,
    MessageAttributes: message.attributes,
    MessageGroupId: message.messageGroupId,
    MessageDeduplicationId: message.messageDeduplicationId,
    DelaySeconds: message.delaySeconds,
  };
}
