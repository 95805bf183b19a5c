/** One structured JSON log line per record outcome, for CloudWatch Logs Insights. */
import type { FailureReason } from '../../lib/jobs/wire.js';

/**
 * What happens to the job (the log level follows it: INFO, WARN, ERROR):
 * - `success` (INFO): the handler returned; the mapping deletes the message.
 * - `retry` (WARN): reported failed, the message comes back: the handler threw, or retrying cannot
 *   help but the DLQ send failed (`reason` says which; the job is never lost).
 * - `skipped` (WARN): not run (its FIFO group failed earlier in the batch, or the invocation ran short
 *   of time); reported failed, the message comes back.
 * - `dead-lettered` (ERROR): retrying cannot help; sent to the DLQ, reported as success so it is deleted.
 */
export type RecordOutcome = 'success' | 'retry' | 'skipped' | 'dead-lettered';

export interface RecordLogLine {
  readonly level: 'INFO' | 'WARN' | 'ERROR';
  readonly jobType: string;
  readonly messageId: string;
  readonly receiveCount: number;
  readonly outcome: RecordOutcome;
  /** Why a record was not a success. */
  readonly reason?: FailureReason | 'transient' | 'retry-after' | 'group-failed' | 'timeout';
  readonly durationMs: number;
  readonly messageGroupId?: string;
  /** Seconds until the job comes back, when the runtime changed its visibility. */
  readonly visibleAgainInSeconds?: number;
  readonly error?: { readonly name: string; readonly message: string; readonly code?: string };
  readonly result?: unknown;
}

export type RecordLogger = (line: RecordLogLine) => void;

/** Writes the line as JSON to stdout (INFO) or stderr (WARN, ERROR); never throws. */
export const consoleLogger: RecordLogger = (line) => {
  let text: string;
  try {
    text = JSON.stringify(line);
  } catch {
    // A result that cannot be serialised (a cycle, a BigInt) must not fail the batch.
    text = JSON.stringify({ ...line, result: String(line.result) });
  }
  (line.level === 'INFO' ? console.log : line.level === 'WARN' ? console.warn : console.error)(text);
};

/** `{ name, message, code }` of anything thrown. */
export function describeError(error: unknown): { name: string; message: string; code?: string } {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? { name: e.name, message: e.message, code } : { name: e.name, message: e.message };
}
