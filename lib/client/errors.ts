/**
 * Errors of the producer client: one class per kind, each with a stable `code` and a message that ends
 * with the next step. Every error a send can end in is one of these, so callers switch on `code`.
 */

/** Stable codes of every client error. */
export type JobClientErrorCode =
  | 'JOBQ_UNKNOWN_JOB_TYPE'
  | 'JOBQ_INVALID_PAYLOAD'
  | 'JOBQ_PAYLOAD_TOO_LARGE'
  | 'JOBQ_INVALID_SEND_OPTIONS'
  | 'JOBQ_MISSING_QUEUE_URL'
  | 'JOBQ_QUEUE_MISMATCH'
  | 'JOBQ_SEND_FAILED';

/** Base class of every producer-client error. */
export abstract class JobClientError extends Error {
  abstract readonly code: JobClientErrorCode;
  /** The job type the send was for, as the caller gave it. */
  public readonly jobType: string;

  protected constructor(jobType: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.jobType = jobType;
  }
}

/** The job type is not in the client's registry. */
export class UnknownJobTypeError extends JobClientError {
  public readonly code = 'JOBQ_UNKNOWN_JOB_TYPE' as const;
  public override readonly name = 'UnknownJobTypeError';

  constructor(jobType: string, known: readonly string[]) {
    super(
      jobType,
      `Job type '${jobType}' is not in this client's registry (known: ${known.map((k) => `'${k}'`).join(', ') || 'none'}); nothing was sent. Send one of the known job types, or add its definition to the jobs passed to createJobClient.`,
    );
  }
}

/** One problem a schema found in a payload. */
export interface PayloadIssue {
  /** Dotted path of the field, `(root)` for the payload itself. */
  readonly path: string;
  readonly message: string;
}

/** The payload breaks the job type's schema (checked on the JSON a worker will parse). */
export class InvalidPayloadError extends JobClientError {
  public readonly code = 'JOBQ_INVALID_PAYLOAD' as const;
  public override readonly name = 'InvalidPayloadError';
  public readonly issues: readonly PayloadIssue[];

  constructor(jobType: string, issues: readonly PayloadIssue[]) {
    super(
      jobType,
      `Payload for job type '${jobType}' breaks its schema, so a worker could never run it; nothing was sent: ${issues
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}. Fix these fields (the schema is the job's definition in the registry) and send again.`,
    );
    this.issues = issues;
  }
}

/** The message would exceed the job type's size limit. */
export class PayloadTooLargeError extends JobClientError {
  public readonly code = 'JOBQ_PAYLOAD_TOO_LARGE' as const;
  public override readonly name = 'PayloadTooLargeError';
  /** The message's size as SQS counts it: body plus attribute names, types and values. */
  public readonly sizeBytes: number;
  public readonly limitBytes: number;

  constructor(jobType: string, sizeBytes: number, limitBytes: number) {
    super(
      jobType,
      `Job of type '${jobType}' is ${sizeBytes} bytes (body + message attributes), over its limit of ${limitBytes} bytes; nothing was sent. Store the large part elsewhere (for example in S3) and send a reference to it, or raise maxMessageBytes in the job's definition (SQS allows up to 1048576 bytes).`,
    );
    this.sizeBytes = sizeBytes;
    this.limitBytes = limitBytes;
  }
}

/** A send option is missing or out of range (message group id, deduplication id, delay). */
export class InvalidSendOptionsError extends JobClientError {
  public readonly code = 'JOBQ_INVALID_SEND_OPTIONS' as const;
  public override readonly name = 'InvalidSendOptionsError';
  public readonly option: string;

  constructor(jobType: string, option: string, problem: string) {
    super(jobType, `Send option ${option} for job type '${jobType}' ${problem}; nothing was sent.`);
    this.option = option;
  }
}

/** No queue URL is known for the job type. */
export class MissingQueueUrlError extends JobClientError {
  public readonly code = 'JOBQ_MISSING_QUEUE_URL' as const;
  public override readonly name = 'MissingQueueUrlError';
  /** The environment variable the client looked in. */
  public readonly envVar: string;

  constructor(jobType: string, envVar: string) {
    super(
      jobType,
      `No queue URL for job type '${jobType}': environment variable ${envVar} is not set and queueUrls has no '${jobType}' entry; nothing was sent. Grant this producer with jobQueue.grantSend(fn) (it sets ${envVar} on Lambda functions), set ${envVar} to the stack output's queue URL, or pass queueUrls: { '${jobType}': '<queue url>' } to createJobClient.`,
    );
    this.envVar = envVar;
  }
}

/** The queue URL's kind (FIFO or standard) disagrees with the job's definition. */
export class QueueMismatchError extends JobClientError {
  public readonly code = 'JOBQ_QUEUE_MISMATCH' as const;
  public override readonly name = 'QueueMismatchError';
  public readonly queueUrl: string;

  constructor(jobType: string, queueUrl: string, fifo: boolean) {
    super(
      jobType,
      `Job type '${jobType}' is ${fifo ? 'FIFO' : 'standard'} but its queue URL '${queueUrl}' ${fifo ? 'does not end' : 'ends'} in '.fifo'; nothing was sent. Point the job type at its own queue (the stack output's queue URL).`,
    );
    this.queueUrl = queueUrl;
  }
}

/** SQS refused the job, or the request kept failing until the client gave up. */
export class SendFailedError extends JobClientError {
  public readonly code = 'JOBQ_SEND_FAILED' as const;
  public override readonly name = 'SendFailedError';
  /** SQS's error code for the entry or request (`InternalError`, `AccessDenied`, …). */
  public readonly sqsCode: string;
  /** True when SQS blamed the request (sending it again unchanged cannot succeed). */
  public readonly senderFault: boolean;
  /** How many times the client sent this job. */
  public readonly attempts: number;

  constructor(
    jobType: string,
    details: { sqsCode: string; sqsMessage: string; senderFault: boolean; attempts: number },
    options?: ErrorOptions,
  ) {
    const next = details.senderFault
      ? 'SQS rejected the job itself, so it was not retried: fix what the SQS message names and send again.'
      : details.attempts > 1
        ? 'It was retried with backoff until the attempts ran out: check the queue\'s health and throttling, then send again.'
        : 'The SDK\'s own retries did not get it through: check the network, the queue URL and the producer\'s permissions, then send again.';
    super(
      jobType,
      `Sending a job of type '${jobType}' failed after ${details.attempts} attempt${details.attempts === 1 ? '' : 's'}: ${details.sqsCode}: ${details.sqsMessage}. ${next}`,
      options,
    );
    this.sqsCode = details.sqsCode;
    this.senderFault = details.senderFault;
    this.attempts = details.attempts;
  }
}
