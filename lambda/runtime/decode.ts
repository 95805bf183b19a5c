/**
 * Turns one SQS record into a typed payload, or says why it never can.
 *
 * Order matters: a `jobType` attribute naming another job type is mis-routed whatever its body; then
 * the body must be JSON; then a `jobType` field naming another job type is mis-routed; then the payload
 * must satisfy the job's schema. A message without the attribute (other AWS services send without it)
 * is judged by its payload alone.
 */
import type { SQSRecord } from 'aws-lambda';
import type { JobDefinition, PayloadOf } from '../../lib/jobs/define-job.js';
import { JOB_TYPE_ATTRIBUTE } from '../../lib/jobs/wire.js';
import { InvalidJobError } from './errors.js';

/** The record's payload, checked against the job's schema; throws `InvalidJobError` otherwise. */
export function decodeRecord<TJob extends JobDefinition>(job: TJob, record: SQSRecord): PayloadOf<TJob> {
  const claimed = record.messageAttributes?.[JOB_TYPE_ATTRIBUTE]?.stringValue;
  if (claimed !== undefined && claimed !== job.name) {
    throw new InvalidJobError(
      'job-type-mismatch',
      `message ${record.messageId} is a '${claimed}' job (${JOB_TYPE_ATTRIBUTE} attribute) on the '${job.name}' queue; send it to the '${claimed}' queue`,
      claimed,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch (error) {
    throw new InvalidJobError('invalid-json', `body of message ${record.messageId} is not JSON: ${(error as Error).message}`);
  }
  const field = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[JOB_TYPE_ATTRIBUTE] : undefined;
  if (typeof field === 'string' && field !== job.name) {
    throw new InvalidJobError(
      'job-type-mismatch',
      `message ${record.messageId} is a '${field}' job (${JOB_TYPE_ATTRIBUTE} field) on the '${job.name}' queue; send it to the '${field}' queue`,
      field,
    );
  }
  const parsed = job.schema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message} (${i.code})`).join('; ');
    throw new InvalidJobError('schema-violation', `payload of message ${record.messageId} breaks the '${job.name}' schema: ${issues}`);
  }
  return parsed.data as PayloadOf<TJob>;
}
