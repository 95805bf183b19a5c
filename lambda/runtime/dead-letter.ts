/**
 * The message the runtime sends straight to the DLQ for a job retrying cannot fix: the original body,
 * the original message attributes and ONE `jobqFailure` attribute holding the JSON failure context.
 *
 * SQS allows at most 10 message attributes per message. When the original already uses 10, the
 * attributes that do not fit (never `jobType`) are folded into the failure context, so the job is
 * kept whole rather than refused by the DLQ.
 */
import type { SQSMessageAttribute, SQSRecord } from 'aws-lambda';
import type { MessageAttributeValue, SendMessageCommandInput } from '@aws-sdk/client-sqs';
import {
  FAILURE_ATTRIBUTE,
  JOB_TYPE_ATTRIBUTE,
  MAX_MESSAGE_ATTRIBUTES,
  REDRIVE_COUNT_ATTRIBUTE,
  type FailureContext,
  type FailureReason,
  type FoldedAttribute,
} from '../../lib/jobs/wire.js';
import { MAX_ERROR_MESSAGE_CHARS } from './defaults.js';

export interface DeadLetterInput {
  readonly deadLetterQueueUrl: string;
  readonly jobType: string;
  readonly record: SQSRecord;
  readonly reason: FailureReason;
  readonly error: Error;
  readonly receivedJobType?: string;
  readonly now: Date;
}

/** The SendMessage input that dead-letters one record. */
export function deadLetterMessage(input: DeadLetterInput): SendMessageCommandInput {
  const { record } = input;
  // A job dead-lettered before (and redriven) carries an old failure context: this one replaces it.
  const originals = Object.entries(record.messageAttributes ?? {}).filter(([name]) => name !== FAILURE_ATTRIBUTE);
  // jobType and the redrive count first, so neither is ever folded away: the CLI's redrive limit
  // (jobq redrive) would reset if the count went missing.
  originals.sort(([a], [b]) => keepRank(a) - keepRank(b));
  const room = MAX_MESSAGE_ATTRIBUTES - 1;
  const kept = originals.slice(0, room);
  const folded = originals.slice(room);

  const context: FailureContext = {
    reason: input.reason,
    errorName: input.error.name,
    errorMessage: input.error.message.slice(0, MAX_ERROR_MESSAGE_CHARS),
    expectedJobType: input.jobType,
    ...(input.receivedJobType !== undefined ? { receivedJobType: input.receivedJobType } : {}),
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
    originalMessageId: record.messageId,
    failedAt: input.now.toISOString(),
    ...(folded.length > 0 ? { foldedAttributes: Object.fromEntries(folded.map(([n, a]) => [n, foldAttribute(a)])) } : {}),
  };

  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, attribute] of kept) attributes[name] = toSdkAttribute(attribute);
  attributes[FAILURE_ATTRIBUTE] = { DataType: 'String', StringValue: JSON.stringify(context) };

  const groupId = record.attributes.MessageGroupId;
  return {
    QueueUrl: input.deadLetterQueueUrl,
    MessageBody: record.body,
    MessageAttributes: attributes,
    // A FIFO DLQ needs a group and, without content-based deduplication, an explicit id: the original
    // message id keeps one copy even when a send is retried.
    ...(groupId !== undefined ? { MessageGroupId: groupId, MessageDeduplicationId: record.messageId } : {}),
  };
}

function toSdkAttribute(attribute: SQSMessageAttribute): MessageAttributeValue {
  return attribute.binaryValue !== undefined
    ? { DataType: attribute.dataType, BinaryValue: Buffer.from(attribute.binaryValue, 'base64') }
    : { DataType: attribute.dataType, StringValue: attribute.stringValue ?? '' };
}

function foldAttribute(attribute: SQSMessageAttribute): FoldedAttribute {
  return attribute.binaryValue !== undefined
    ? { dataType: attribute.dataType, binaryValue: attribute.binaryValue }
    : { dataType: attribute.dataType, stringValue: attribute.stringValue ?? '' };
}

/** 0 for the attributes that must stay real attributes, 1 for the rest (stable sort keeps their order). */
function keepRank(name: string): number {
  return name === JOB_TYPE_ATTRIBUTE || name === REDRIVE_COUNT_ATTRIBUTE ? 0 : 1;
}
