import type { SQSRecord } from 'aws-lambda';

export type RecordOutcome = 'success' | 'retry';

export interface RecordOutcomeLog {
  readonly jobType: string;
  readonly record: SQSRecord;
  readonly outcome: RecordOutcome;
  readonly started: number;
  readonly result?: unknown;
  readonly error?: unknown;
}

/** One structured JSON line per record outcome, for CloudWatch Logs Insights. */
export function logRecordOutcome(entry: RecordOutcomeLog): void {
  const line: Record<string, unknown> = {
    level: entry.outcome === 'success' ? 'INFO' : 'WARN',
    jobType: entry.jobType,
    messageId: entry.record.messageId,
    receiveCount: Number(entry.record.attributes.ApproximateReceiveCount),
    outcome: entry.outcome,
    durationMs: Date.now() - entry.started,
  };
  if (entry.result !== undefined) line.result = entry.result;
  if (entry.error !== undefined) {
    const error = entry.error instanceof Error ? entry.error : new Error(String(entry.error));
    line.error = { name: error.name, message: error.message };
  }
  const write = entry.outcome === 'success' ? console.log : console.warn;
  write(JSON.stringify(line));
}
