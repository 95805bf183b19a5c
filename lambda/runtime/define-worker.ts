/**
 * The worker runtime: turns a per-job handler into a Lambda SQS handler that answers with partial
 * batch failures. Powertools batch does the per-record bookkeeping and builds the response with the
 * exact keys Lambda reads (`batchItemFailures` / `itemIdentifier`), so user code never shapes it.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { JobDefinition, PayloadOf } from '../../lib/jobs/define-job.js';
import { InvalidJobError } from './errors.js';
import { logRecordOutcome } from './log.js';

/** What a job handler gets besides its payload. */
export interface JobContext {
  /** The SQS record the job arrived in. */
  readonly record: SQSRecord;
  /** The Lambda invocation context. */
  readonly lambdaContext: Context;
}

/** A job handler: business logic only. Throw to fail the job; return a result to have it logged. */
export type JobHandler<TJob extends JobDefinition> = (payload: PayloadOf<TJob>, context: JobContext) => unknown;

/** Builds the Lambda handler for one job type's worker. */
export function defineWorker<TJob extends JobDefinition>(
  job: TJob,
  handle: JobHandler<TJob>,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  return async (event, lambdaContext) => {
    // A fresh processor per invocation: no state survives from one batch to the next.
    const processor = new BatchProcessor(EventType.SQS);
    const recordHandler = async (record: SQSRecord): Promise<unknown> => {
      const started = Date.now();
      try {
        const payload = parsePayload(job, record);
        const result = await handle(payload, { record, lambdaContext });
        logRecordOutcome({ jobType: job.name, record, outcome: 'success', started, result });
        return result;
      } catch (error) {
        logRecordOutcome({ jobType: job.name, record, outcome: 'retry', started, error });
        throw error;
      }
    };
    return processPartialResponse(event, recordHandler, processor, {
      context: lambdaContext,
      // Every record failed: still answer with every id (Lambda retries all of them either way).
      throwOnFullBatchFailure: false,
    });
  };
}

/** The record's JSON body, checked against the job's schema. */
export function parsePayload<TJob extends JobDefinition>(job: TJob, record: SQSRecord): PayloadOf<TJob> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch (error) {
    throw new InvalidJobError('invalid-json', `body of message ${record.messageId} is not JSON: ${(error as Error).message}`);
  }
  const parsed = job.schema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message} (${i.code})`).join('; ');
    throw new InvalidJobError('schema-violation', `payload of message ${record.messageId} breaks the '${job.name}' schema: ${issues}`);
  }
  return parsed.data as PayloadOf<TJob>;
}
