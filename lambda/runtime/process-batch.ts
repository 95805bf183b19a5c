/**
 * The per-record loop: exactly one outcome per record, returned as the message ids to report failed.
 *
 * Records run one at a time, in order (FIFO order matters; handlers need not be re-entrant). Nothing
 * here outlives one call: the failed FIFO groups are local to the batch.
 */
import type { Context, SQSRecord } from 'aws-lambda';
import type { JobDefinition } from '../../lib/jobs/define-job.js';
import type { FailureReason } from '../../lib/jobs/wire.js';
import { backoffSeconds, type BackoffOptions } from './backoff.js';
import { deadLetterMessage } from './dead-letter.js';
import { decodeRecord } from './decode.js';
import type { JobContext, JobHandler } from './define-worker.js';
import { checkVisibilitySeconds, InvalidJobError, PermanentJobError, RetryAfterError, WorkerConfigurationError } from './errors.js';
import { describeError, type RecordLogger, type RecordLogLine } from './log.js';
import { changeVisibility, queueUrlFromArn, sendMessage, type SqsSender } from './sqs.js';

export interface BatchSettings {
  readonly job: JobDefinition;
  readonly handle: JobHandler<JobDefinition>;
  readonly lambdaContext: Context;
  readonly timeoutMarginMs: number;
  readonly backoff: BackoffOptions | undefined;
  readonly sqsClient: SqsSender | undefined;
  readonly logger: RecordLogger;
  readonly random: () => number;
  readonly queueUrl: string | undefined;
  readonly deadLetterQueueUrl: string | undefined;
}

type Line = Omit<RecordLogLine, 'jobType' | 'messageId' | 'receiveCount' | 'durationMs' | 'messageGroupId'>;

/** Runs every record; returns the ids of the records to report as batch item failures. */
export async function processBatch(records: readonly SQSRecord[], settings: BatchSettings): Promise<string[]> {
  const failed: string[] = [];
  const failedGroups = new Set<string>();
  let outOfTime = false;
  for (const record of records) {
    const started = Date.now();
    const group = record.attributes?.MessageGroupId;
    outOfTime ||= remainingMs(settings.lambdaContext) < settings.timeoutMarginMs;
    let line: Line;
    if (outOfTime) {
      line = { level: 'WARN', outcome: 'skipped', reason: 'timeout' };
    } else if (group !== undefined && failedGroups.has(group)) {
      // FIFO: a later job of a failed group must not overtake the failed one.
      line = { level: 'WARN', outcome: 'skipped', reason: 'group-failed' };
    } else {
      line = await runRecord(record, settings);
    }
    const reportedFailed = line.outcome !== 'success' && line.outcome !== 'dead-lettered';
    if (reportedFailed) {
      failed.push(record.messageId);
      if (group !== undefined) failedGroups.add(group);
    }
    settings.logger(logLine(line, settings.job.name, record, group, started));
  }
  return failed;
}

/**
 * The record's log line. Fields are added one by one, only when present: spreading optional fields
 * made every line a differently shaped object and doubled the runtime's per-record cost (bench/).
 */
function logLine(line: Line, jobType: string, record: SQSRecord, group: string | undefined, started: number): RecordLogLine {
  const entry: { -readonly [K in keyof RecordLogLine]: RecordLogLine[K] } = {
    level: line.level,
    jobType,
    messageId: record.messageId,
    receiveCount: receiveCountOf(record),
    outcome: line.outcome,
    durationMs: Date.now() - started,
  };
  if (line.reason !== undefined) entry.reason = line.reason;
  if (group !== undefined) entry.messageGroupId = group;
  if (line.visibleAgainInSeconds !== undefined) entry.visibleAgainInSeconds = line.visibleAgainInSeconds;
  if (line.error !== undefined) entry.error = line.error;
  if (line.result !== undefined) entry.result = line.result;
  return entry;
}

async function runRecord(record: SQSRecord, settings: BatchSettings): Promise<Line> {
  let payload: unknown;
  try {
    payload = decodeRecord(settings.job, record);
  } catch (error) {
    const invalid = error as InvalidJobError;
    return deadLetter(record, settings, invalid.reason, invalid, invalid.receivedJobType);
  }
  try {
    const result = await settings.handle(payload, jobContext(record, settings));
    return result === undefined ? { level: 'INFO', outcome: 'success' } : { level: 'INFO', outcome: 'success', result };
  } catch (error) {
    // By class or by code: a worker bundle may hold a second copy of the runtime's error classes.
    if (error instanceof PermanentJobError || codeOf(error) === 'JOBQ_PERMANENT_FAILURE') {
      return deadLetter(record, settings, 'permanent-failure', error as Error);
    }
    if (error instanceof RetryAfterError || codeOf(error) === 'JOBQ_RETRY_AFTER') {
      return retryLater(record, settings, (error as RetryAfterError).seconds, 'retry-after', error);
    }
    const seconds = settings.backoff ? backoffSeconds(receiveCountOf(record), settings.backoff, settings.random) : undefined;
    return retryLater(record, settings, seconds, 'transient', error);
  }
}

/** Reported failed; with `seconds`, the job's visibility is set so it comes back about then. */
async function retryLater(
  record: SQSRecord,
  settings: BatchSettings,
  seconds: number | undefined,
  reason: 'transient' | 'retry-after',
  error: unknown,
): Promise<Line> {
  const line: Line = { level: 'WARN', outcome: 'retry', reason, error: describeError(error) };
  if (seconds === undefined) return line;
  try {
    await changeVisibility(settings.sqsClient, sourceQueueUrl(record, settings), record.receiptHandle, seconds);
    return { ...line, visibleAgainInSeconds: seconds };
  } catch (visibilityError) {
    // Still reported failed: the job comes back after the queue's own visibility timeout instead.
    const cause = describeError(visibilityError);
    return { ...line, error: { ...describeError(error), message: `${describeError(error).message} (visibility change failed: ${cause.name}: ${cause.message})` } };
  }
}

/** Straight to the DLQ and reported as success; if that send fails, reported failed (never lost). */
async function deadLetter(record: SQSRecord, settings: BatchSettings, reason: FailureReason, error: Error, receivedJobType?: string): Promise<Line> {
  const described = describeError(error);
  if (!settings.deadLetterQueueUrl) {
    return { level: 'WARN', outcome: 'retry', reason, error: { ...described, message: `${described.message} (JOBQ_DLQ_URL is unset, so the job is retried until SQS moves it to the DLQ)` } };
  }
  try {
    const message = deadLetterMessage({
      deadLetterQueueUrl: settings.deadLetterQueueUrl,
      jobType: settings.job.name,
      record,
      reason,
      error,
      now: new Date(),
      ...(receivedJobType !== undefined ? { receivedJobType } : {}),
    });
    await sendMessage(settings.sqsClient, message);
    return { level: 'ERROR', outcome: 'dead-lettered', reason, error: described };
  } catch (sendError) {
    const cause = describeError(sendError);
    return { level: 'WARN', outcome: 'retry', reason, error: { ...described, message: `${described.message} (DLQ send failed: ${cause.name}: ${cause.message})` } };
  }
}

function jobContext(record: SQSRecord, settings: BatchSettings): JobContext {
  return {
    jobType: settings.job.name,
    record,
    receiveCount: receiveCountOf(record),
    lambdaContext: settings.lambdaContext,
    async extendVisibility(seconds: number) {
      checkVisibilitySeconds('extendVisibility', seconds);
      await changeVisibility(settings.sqsClient, sourceQueueUrl(record, settings), record.receiptHandle, seconds);
    },
  };
}

function sourceQueueUrl(record: SQSRecord, settings: BatchSettings): string {
  const url = settings.queueUrl ?? queueUrlFromArn(record.eventSourceARN ?? '');
  if (!url) {
    throw new WorkerConfigurationError(`worker for '${settings.job.name}' cannot tell its queue URL: set JOBQ_QUEUE_URL (JobQueue sets it)`);
  }
  return url;
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

function receiveCountOf(record: SQSRecord): number {
  return Number(record.attributes?.ApproximateReceiveCount ?? 0);
}

/** Time left in the invocation; unlimited when the context cannot tell. */
function remainingMs(context: Context): number {
  return typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : Number.POSITIVE_INFINITY;
}
