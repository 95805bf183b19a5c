/**
 * The wire format every producer of ours and the worker runtime agree on.
 *
 * - The message body is the job's JSON payload, nothing else.
 * - The job type travels in a `jobType` String message attribute. A worker that receives a message whose
 *   `jobType` attribute differs from its own job type treats it as mis-routed; a message without the
 *   attribute (other AWS services send without it) is judged by its payload alone.
 */

/** Name of the String message attribute that carries the job type. */
export const JOB_TYPE_ATTRIBUTE = 'jobType';

/** SQS allows at most 10 message attributes per message. */
export const MAX_MESSAGE_ATTRIBUTES = 10;

/**
 * Name of the one String message attribute the worker runtime adds when it sends a job straight to
 * the DLQ: a compact JSON `FailureContext`. One attribute keeps the total within SQS's limit of 10
 * alongside the producer's own.
 */
export const FAILURE_ATTRIBUTE = 'jobqFailure';

/**
 * Name of the Number message attribute `jobq redrive` sets on a job it copies back from the DLQ: how
 * many times the job has been redriven. Past a limit the CLI holds the job in the DLQ, so no job
 * circulates between queue and DLQ unnoticed. It replaces the stale `jobqFailure` attribute, so a
 * redrive never adds to the job's attribute count.
 */
export const REDRIVE_COUNT_ATTRIBUTE = 'jobqRedriveCount';

/** Why a job was sent straight to the DLQ without retries. */
export type FailureReason = 'invalid-json' | 'schema-violation' | 'job-type-mismatch' | 'permanent-failure';

/** What the runtime records about a job it dead-lettered (the `jobqFailure` attribute, as JSON). */
export interface FailureContext {
  readonly reason: FailureReason;
  readonly errorName: string;
  readonly errorMessage: string;
  readonly expectedJobType: string;
  /** The job type the message claimed (attribute or field), when it claimed one. */
  readonly receivedJobType?: string;
  readonly receiveCount: number;
  readonly originalMessageId: string;
  /** ISO-8601 time the runtime dead-lettered the job. */
  readonly failedAt: string;
  /**
   * Original message attributes that did not fit beside this one within SQS's limit of 10 (only when
   * the producer already used all 10), by name; binary values base64-encoded.
   */
  readonly foldedAttributes?: Readonly<Record<string, FoldedAttribute>>;
}

/** An original message attribute kept inside the failure context. */
export interface FoldedAttribute {
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: string;
}
