/** What a send reports back, per job. */
import type { JobClientError } from './errors.js';

/** A job SQS accepted. */
export interface SentJob {
  readonly jobType: string;
  /** The id SQS gave the message. */
  readonly messageId: string;
  /** FIFO only: the message's sequence number in its group. */
  readonly sequenceNumber?: string;
  /** How many times the client sent it (more than 1 after retried batch failures). */
  readonly attempts: number;
}

/** The outcome of one job of a `sendMany` call; `index` is its position in the list given. */
export type JobOutcome =
  | ({ readonly ok: true; readonly index: number } & SentJob)
  | { readonly ok: false; readonly index: number; readonly jobType: string; readonly error: JobClientError };
