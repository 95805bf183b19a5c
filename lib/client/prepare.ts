/**
 * Turns one job (type, payload, options) into the message SQS will get, or the typed error that stops
 * it before the network: unknown job type, a payload that breaks the schema, a message over the size
 * limit, or FIFO options that are missing or out of range.
 */
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { JobDefinition } from '../jobs/define-job.js';
import { SQS_MAX_DELAY_SECONDS, SQS_MAX_FIFO_ID_LENGTH, SQS_MAX_MESSAGE_BYTES } from '../jobs/limits.js';
import { JOB_TYPE_ATTRIBUTE } from '../jobs/wire.js';
import { InvalidPayloadError, InvalidSendOptionsError, PayloadTooLargeError, type JobClientError } from './errors.js';
import { messageSizeBytes } from './size.js';

/** Per-job options of a send. */
export interface SendOptions {
  /**
   * FIFO job types: the message group (jobs of one group run in order, one at a time).
   *
   * @default - the job definition's `messageGroupId(payload)`; required when it has none
   */
  readonly messageGroupId?: string;
  /**
   * FIFO job types: the deduplication id (a second send with the same id within 5 minutes is dropped by SQS).
   *
   * @default - SQS derives one from the body (the queues use content-based deduplication)
   */
  readonly messageDeduplicationId?: string;
  /**
   * Standard job types: seconds before the job becomes visible to workers (0–900).
   *
   * @default - the queue's delay (0)
   */
  readonly delaySeconds?: number;
}

/** A job ready to go on the wire. */
export interface PreparedMessage {
  readonly jobType: string;
  readonly body: string;
  readonly attributes: Record<string, MessageAttributeValue>;
  /** Body plus attributes, as SQS counts them. */
  readonly sizeBytes: number;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
  readonly delaySeconds?: number;
}

/** FIFO ids: 1–128 characters, alphanumeric or punctuation (printable ASCII without space). */
const FIFO_ID_PATTERN = /^[\x21-\x7e]+$/;

/** Validates one job against its definition; returns the message or the error that keeps it off the wire. */
export function prepareMessage(job: JobDefinition, payload: unknown, options: SendOptions = {}): PreparedMessage | JobClientError {
  const jobType = job.name;
  let body: string | undefined;
  try {
    body = JSON.stringify(payload);
  } catch (error) {
    return new InvalidPayloadError(jobType, [{ path: '(root)', message: `cannot be serialized to JSON (${(error as Error).message})` }]);
  }
  if (body === undefined) return new InvalidPayloadError(jobType, [{ path: '(root)', message: `cannot be serialized to JSON (got ${typeof payload})` }]);

  // Validate what the worker will parse: JSON drops undefined fields and turns Dates into strings.
  const parsed = job.schema.safeParse(JSON.parse(body));
  if (!parsed.success) {
    return new InvalidPayloadError(
      jobType,
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: `${issue.message} (${issue.code})` })),
    );
  }

  const attributes: Record<string, MessageAttributeValue> = {
    [JOB_TYPE_ATTRIBUTE]: { DataType: 'String', StringValue: jobType },
  };
  const sizeBytes = messageSizeBytes(body, attributes);
  const limitBytes = job.maxMessageBytes ?? SQS_MAX_MESSAGE_BYTES;
  if (sizeBytes > limitBytes) return new PayloadTooLargeError(jobType, sizeBytes, limitBytes);

  const fifoFields = prepareFifoFields(job, parsed.data, options);
  if (!('ok' in fifoFields)) return fifoFields;
  return { jobType, body, attributes, sizeBytes, ...fifoFields.fields };
}

type FifoFields = Pick<PreparedMessage, 'messageGroupId' | 'messageDeduplicationId' | 'delaySeconds'>;

function prepareFifoFields(job: JobDefinition, payload: unknown, options: SendOptions): { ok: true; fields: FifoFields } | JobClientError {
  const jobType = job.name;
  const fields: { -readonly [K in keyof FifoFields]: FifoFields[K] } = {};
  if (options.delaySeconds !== undefined) {
    if (job.fifo) {
      return new InvalidSendOptionsError(jobType, 'delaySeconds', `(${options.delaySeconds} seconds) is not allowed: FIFO queues only delay whole queues. Remove delaySeconds`);
    }
    if (!Number.isInteger(options.delaySeconds) || options.delaySeconds < 0 || options.delaySeconds > SQS_MAX_DELAY_SECONDS) {
      return new InvalidSendOptionsError(jobType, 'delaySeconds', `(${options.delaySeconds} seconds) must be an integer from 0 to ${SQS_MAX_DELAY_SECONDS} seconds. Pass a delay in that range`);
    }
    fields.delaySeconds = options.delaySeconds;
  }
  if (options.messageDeduplicationId !== undefined) {
    if (!job.fifo) {
      return new InvalidSendOptionsError(jobType, 'messageDeduplicationId', `('${options.messageDeduplicationId}') only applies to FIFO job types, and '${jobType}' is standard. Remove it`);
    }
    const problem = fifoIdProblem(options.messageDeduplicationId);
    if (problem) return new InvalidSendOptionsError(jobType, 'messageDeduplicationId', `('${options.messageDeduplicationId}') ${problem}`);
    fields.messageDeduplicationId = options.messageDeduplicationId;
  }

  let groupId = options.messageGroupId;
  if (groupId === undefined && job.fifo && job.messageGroupId) {
    try {
      groupId = job.messageGroupId(payload);
    } catch (error) {
      return new InvalidSendOptionsError(jobType, 'messageGroupId', `could not be derived: the job definition's messageGroupId(payload) threw '${(error as Error).message}'. Fix that function or pass messageGroupId`);
    }
  }
  if (groupId === undefined) {
    if (job.fifo) {
      return new InvalidSendOptionsError(jobType, 'messageGroupId', `is missing: '${jobType}' is a FIFO job type and its definition derives no group. Pass messageGroupId, or give the job definition a messageGroupId(payload) function`);
    }
  } else {
    const problem = fifoIdProblem(groupId);
    if (problem) return new InvalidSendOptionsError(jobType, 'messageGroupId', `('${groupId}') ${problem}`);
    fields.messageGroupId = groupId;
  }
  return { ok: true, fields };
}

function fifoIdProblem(id: string): string | undefined {
  if (typeof id === 'string' && id.length >= 1 && id.length <= SQS_MAX_FIFO_ID_LENGTH && FIFO_ID_PATTERN.test(id)) return undefined;
  return `must be 1 to ${SQS_MAX_FIFO_ID_LENGTH} characters of letters, digits and punctuation (got ${typeof id === 'string' ? `${id.length} characters` : typeof id}). Pass an id in that form`;
}
