/**
 * Physical names derived from the stack name and the job type.
 *
 * AWS limits: SQS queue names ≤ 80 characters of [A-Za-z0-9_-] (a FIFO name ends in `.fifo`, counted);
 * Lambda function names ≤ 64 characters of [A-Za-z0-9_-]. A name that would be too long is shortened
 * stably: both parts are cut and an 8-character hash of the full name keeps it unique. Stack output ids
 * (≤ 255 alphanumeric characters) and descriptions are fitted the same way.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 */
import { Token } from 'aws-cdk-lib';
import { createHash } from 'node:crypto';
import { MAX_LOGICAL_ID_LENGTH } from './limits.js';

export const QUEUE_NAME_MAX_LENGTH = 80;
export const FUNCTION_NAME_MAX_LENGTH = 64;
export const FIFO_SUFFIX = '.fifo';

const HASH_LENGTH = 8;

/** `stackName-jobType[-role]`, shortened stably to `maxLength`. */
export function fitName(stackName: string, jobType: string, role: string | undefined, maxLength: number): string {
  const tail = role ? `-${role}` : '';
  const full = `${sanitize(stackName)}-${jobType}${tail}`;
  if (full.length <= maxLength) return full;
  const hash = hashOf(full);
  // Room left for "stack-job" once the role and "-<hash>" are placed.
  const budget = maxLength - tail.length - (HASH_LENGTH + 1) - 1;
  const stackKeep = Math.min(stackName.length, Math.max(Math.floor(budget / 2), budget - jobType.length));
  const jobKeep = budget - stackKeep;
  return `${sanitize(stackName).slice(0, stackKeep)}-${jobType.slice(0, jobKeep)}${tail}-${hash}`;
}

export interface JobQueueNames {
  readonly queueName: string;
  readonly deadLetterQueueName: string;
  readonly functionName: string;
}

/** Physical names the user gave instead of the derived ones. */
export interface GivenQueueNames {
  readonly queueName?: string;
  readonly deadLetterQueueName?: string;
}

/**
 * The names of one job type's queue, DLQ and worker function in one stack. A given name is used as is
 * (the rule table has checked it); the DLQ of a given queue name is `<queueName>-dlq`, fitted the same way.
 */
export function jobQueueNames(stackName: string, jobType: string, fifo: boolean, given: GivenQueueNames = {}): JobQueueNames {
  const ext = fifo ? FIFO_SUFFIX : '';
  const queueMax = QUEUE_NAME_MAX_LENGTH - ext.length;
  const queueName = given.queueName ?? fitName(stackName, jobType, undefined, queueMax) + ext;
  const derivedDlq =
    given.queueName !== undefined && !Token.isUnresolved(given.queueName)
      ? fitSuffixed(stripFifo(given.queueName), '-dlq', queueMax) + ext
      : fitName(stackName, jobType, 'dlq', queueMax) + ext;
  return {
    queueName,
    deadLetterQueueName: given.deadLetterQueueName ?? derivedDlq,
    functionName: fitName(stackName, jobType, 'worker', FUNCTION_NAME_MAX_LENGTH),
  };
}

/** `base + suffix`, or when too long a cut base, an 8-character hash of the full name, and the suffix. */
export function fitSuffixed(base: string, suffix: string, maxLength: number): string {
  const full = `${base}${suffix}`;
  if (full.length <= maxLength) return full;
  return `${base.slice(0, maxLength - suffix.length - HASH_LENGTH - 1)}-${hashOf(full)}${suffix}`;
}

/**
 * What breaks SQS's queue-name rule in a name: 1–80 characters of letters, digits, `-` and `_`, with
 * `.fifo` (counted) allowed only as a FIFO queue's ending. Undefined when the name is fine as a name;
 * whether the suffix matches the queue type is a separate (FIFO) rule.
 */
export function queueNameProblem(name: string): string | undefined {
  const body = stripFifo(name);
  const bad = [...new Set(body.replace(/[A-Za-z0-9_-]/g, ''))];
  const problems = [
    name.length > QUEUE_NAME_MAX_LENGTH ? `it has ${name.length} characters` : undefined,
    body.length === 0 ? 'it is empty' : undefined,
    bad.length > 0 ? `it contains ${bad.map((c) => `'${c}'`).join(', ')}` : undefined,
  ].filter(Boolean);
  return problems.length > 0 ? problems.join(' and ') : undefined;
}

/** The name without a trailing `.fifo`. */
export function stripFifo(name: string): string {
  return name.endsWith(FIFO_SUFFIX) ? name.slice(0, -FIFO_SUFFIX.length) : name;
}

/** Output ids are `<prefix><Suffix>`: the PascalCase job type, cut with a hash when the id would pass 255 characters. */
export function outputIdPrefix(jobType: string): string {
  const pascal = pascalCase(jobType);
  const max = MAX_LOGICAL_ID_LENGTH - LONGEST_OUTPUT_SUFFIX.length;
  return pascal.length <= max ? pascal : `${pascal.slice(0, max - HASH_LENGTH)}${hashOf(pascal)}`;
}

/** The longest output id suffix (`DeadLetterQueueArn`). */
export const LONGEST_OUTPUT_SUFFIX = 'DeadLetterQueueArn';

/** Text cut to `max` characters with an ellipsis, for descriptions that AWS limits. */
export function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `email-sending` → `EmailSending`: used for output ids and environment variable names. */
export function pascalCase(jobType: string): string {
  return jobType
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `email-sending` → `EMAIL_SENDING`. */
export function constantCase(jobType: string): string {
  return jobType.replace(/-/g, '_').toUpperCase();
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH);
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '-');
}
