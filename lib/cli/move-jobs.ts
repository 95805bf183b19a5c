/**
 * Moves jobs from a DLQ back to its source queue by copying them, for where the native move task is
 * missing (the local emulator) or not wanted (`--copy`): body, message attributes, message group id
 * and order are kept; FIFO jobs get a fresh deduplication id (SQS would silently drop a repeat of the
 * original id within five minutes); the stale `jobqFailure` attribute is replaced by a redrive count.
 *
 * Jobs are sent before they are deleted, so a crash mid-run can duplicate a job, never lose one.
 */
import { randomUUID } from 'node:crypto';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { FAILURE_ATTRIBUTE, MAX_MESSAGE_ATTRIBUTES, REDRIVE_COUNT_ATTRIBUTE } from '../jobs/wire.js';
import { MOVE_VISIBILITY_SECONDS, SQS_BATCH_SIZE } from './defaults.js';
import { makeVisible } from './peek.js';

export interface MoveJobsInput {
  readonly fromUrl: string;
  readonly toUrl: string;
  readonly fifo: boolean;
  /** Jobs already redriven this many times stay in the DLQ. */
  readonly maxRedrives: number;
  /** Called after each batch with the number of jobs moved so far. */
  readonly onProgress?: (moved: number) => void;
}

/** A job left in the DLQ, and why. */
export interface HeldJob {
  readonly messageId: string;
  readonly reason: 'redrive-limit' | 'too-many-attributes' | 'behind-held-job' | 'send-failed';
  readonly detail: string;
}

export interface MoveJobsResult {
  readonly moved: number;
  readonly held: readonly HeldJob[];
}

/**
 * Copies every job it can from `fromUrl` to `toUrl`, deleting each from `fromUrl` once sent. Only the
 * jobs in the DLQ when the move starts are taken: a job that fails again while the move runs (a poison
 * job the worker sends straight back) stays for the next `jobq failed`, instead of being chased round
 * the loop until the redrive limit stops it.
 */
export async function moveJobs(sqs: SQSClient, input: MoveJobsInput): Promise<MoveJobsResult> {
  const held = new Map<string, HeldJob>();
  const heldHandles: { id: string; handle: string }[] = [];
  let moved = 0;
  let budget = await visibleCount(sqs, input.fromUrl);
  try {
    while (budget > 0) {
      const page = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: input.fromUrl,
          MaxNumberOfMessages: SQS_BATCH_SIZE,
          VisibilityTimeout: MOVE_VISIBILITY_SECONDS,
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      const received = page.Messages ?? [];
      // Past the budget: jobs that arrived after the move began go back untouched.
      const messages = received.slice(0, budget);
      for (const m of received.slice(budget)) heldHandles.push({ id: `h${heldHandles.length}`, handle: m.ReceiptHandle ?? '' });
      budget -= messages.length;
      if (messages.length === 0 || messages.every((m) => held.has(m.MessageId ?? ''))) {
        for (const m of messages) heldHandles.push({ id: `h${heldHandles.length}`, handle: m.ReceiptHandle ?? '' });
        break;
      }
      const entries: { entry: SendMessageBatchRequestEntry; message: Message }[] = [];
      const blockedGroups = new Set<string>();
      for (const message of messages) {
        const group = message.Attributes?.MessageGroupId;
        const verdict = judge(message, input, group !== undefined && blockedGroups.has(group));
        if ('reason' in verdict) {
          held.set(verdict.messageId, verdict);
          heldHandles.push({ id: `h${heldHandles.length}`, handle: message.ReceiptHandle ?? '' });
          // FIFO: later jobs of a held job's group stay too, or they would overtake it.
          if (input.fifo && group !== undefined) blockedGroups.add(group);
        } else {
          entries.push({ entry: { Id: `e${entries.length}`, ...verdict }, message });
        }
      }
      if (entries.length > 0) {
        const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: input.toUrl, Entries: entries.map((e) => e.entry) }));
        const failedIds = new Set((sent.Failed ?? []).map((f) => f.Id));
        for (const failure of sent.Failed ?? []) {
          const message = entries.find((e) => e.entry.Id === failure.Id)?.message;
          held.set(message?.MessageId ?? failure.Id ?? '', {
            messageId: message?.MessageId ?? '',
            reason: 'send-failed',
            detail: `${failure.Code}: ${failure.Message ?? ''}`,
          });
          if (message?.ReceiptHandle) heldHandles.push({ id: `h${heldHandles.length}`, handle: message.ReceiptHandle });
        }
        const done = entries.filter((e) => !failedIds.has(e.entry.Id));
        if (done.length > 0) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: input.fromUrl,
              Entries: done.map((e) => ({ Id: e.entry.Id, ReceiptHandle: e.message.ReceiptHandle })),
            }),
          );
        }
        moved += done.length;
        input.onProgress?.(moved);
      }
    }
  } finally {
    // Held jobs become visible in the DLQ again, for `jobq failed` to show.
    await makeVisible(sqs, input.fromUrl, heldHandles);
  }
  return { moved, held: [...held.values()] };
}

/** Jobs visible in the queue now: the move's budget. */
async function visibleCount(sqs: SQSClient, queueUrl: string): Promise<number> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
}

type Verdict = HeldJob | Omit<SendMessageBatchRequestEntry, 'Id'>;

/** Either the send entry for one job, or why it stays in the DLQ. */
function judge(message: Message, input: MoveJobsInput, behindHeldJob: boolean): Verdict {
  const messageId = message.MessageId ?? '';
  if (behindHeldJob) {
    return { messageId, reason: 'behind-held-job', detail: `an earlier job of group '${message.Attributes?.MessageGroupId}' is held` };
  }
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    if (name === FAILURE_ATTRIBUTE || name === REDRIVE_COUNT_ATTRIBUTE) continue;
    attributes[name] = { DataType: value.DataType, StringValue: value.StringValue, BinaryValue: value.BinaryValue };
  }
  const redrives = Number(message.MessageAttributes?.[REDRIVE_COUNT_ATTRIBUTE]?.StringValue ?? 0);
  if (redrives >= input.maxRedrives) {
    return {
      messageId,
      reason: 'redrive-limit',
      detail: `redriven ${redrives} times already (limit ${input.maxRedrives}); fix the job or its worker, or raise --max-redrives`,
    };
  }
  attributes[REDRIVE_COUNT_ATTRIBUTE] = { DataType: 'Number', StringValue: String(redrives + 1) };
  if (Object.keys(attributes).length > MAX_MESSAGE_ATTRIBUTES) {
    return {
      messageId,
      reason: 'too-many-attributes',
      detail: `the job has ${Object.keys(attributes).length - 1} attributes and SQS allows ${MAX_MESSAGE_ATTRIBUTES}: no room for ${REDRIVE_COUNT_ATTRIBUTE}`,
    };
  }
  return {
    MessageBody: message.Body ?? '',
    MessageAttributes: attributes,
    MessageGroupId: input.fifo ? message.Attributes?.MessageGroupId : undefined,
    MessageDeduplicationId: input.fifo ? randomUUID() : undefined,
  };
}
