/**
 * Physical names derived from the stack name and the job type.
 *
 * AWS limits: SQS queue names ≤ 80 characters of [A-Za-z0-9_-] (a FIFO name ends in `.fifo`, counted);
 * Lambda function names ≤ 64 characters of [A-Za-z0-9_-]. A name that would be too long is shortened
 * stably: both parts are cut and an 8-character hash of the full name keeps it unique.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 */
import { createHash } from 'node:crypto';

export const QUEUE_NAME_MAX_LENGTH = 80;
export const FUNCTION_NAME_MAX_LENGTH = 64;
export const FIFO_SUFFIX = '.fifo';

const HASH_LENGTH = 8;

/** `stackName-jobType[-role]`, shortened stably to `maxLength`. */
export function fitName(stackName: string, jobType: string, role: string | undefined, maxLength: number): string {
  const tail = role ? `-${role}` : '';
  const full = `${sanitize(stackName)}-${jobType}${tail}`;
  if (full.length <= maxLength) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, HASH_LENGTH);
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

/** The names of one job type's queue, DLQ and worker function in one stack. */
export function jobQueueNames(stackName: string, jobType: string, fifo: boolean): JobQueueNames {
  const ext = fifo ? FIFO_SUFFIX : '';
  const queueMax = QUEUE_NAME_MAX_LENGTH - ext.length;
  return {
    queueName: fitName(stackName, jobType, undefined, queueMax) + ext,
    deadLetterQueueName: fitName(stackName, jobType, 'dlq', queueMax) + ext,
    functionName: fitName(stackName, jobType, 'worker', FUNCTION_NAME_MAX_LENGTH),
  };
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

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '-');
}
