/**
 * The CLI's stable error codes and exit codes. Scripts may rely on both; add codes, never rename them.
 */

/** Exit codes of `jobq`, by meaning. */
export const EXIT_CODES = {
  ok: 0,
  /** An AWS or emulator call failed for a reason the CLI cannot fix (credentials, throttling, network). */
  failure: 1,
  /** Bad arguments or input: fix the command line or the payload. */
  usage: 2,
  /** The stack, a job type, a mapping or a move task was not found. */
  notFound: 3,
  /** The command ran but left work undone (for example jobs held back by the redrive limit). */
  incomplete: 4,
  /** The user declined, or a confirmation was needed and no terminal could ask for it. */
  aborted: 5,
  /** The command needs an AWS API the local emulator lacks. */
  unsupported: 6,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** Every error code the CLI emits, with its exit code. */
export const ERROR_CODES = {
  AWS_ERROR: EXIT_CODES.failure,
  USAGE: EXIT_CODES.usage,
  NO_PAYLOAD: EXIT_CODES.usage,
  INVALID_JSON: EXIT_CODES.usage,
  INVALID_PAYLOAD: EXIT_CODES.usage,
  UNKNOWN_SCHEMA: EXIT_CODES.usage,
  MISSING_GROUP_ID: EXIT_CODES.usage,
  STACK_NOT_FOUND: EXIT_CODES.notFound,
  JOB_TYPE_NOT_FOUND: EXIT_CODES.notFound,
  MAPPING_NOT_FOUND: EXIT_CODES.notFound,
  NO_RUNNING_MOVE_TASK: EXIT_CODES.notFound,
  REDRIVE_INCOMPLETE: EXIT_CODES.incomplete,
  PURGE_IN_PROGRESS: EXIT_CODES.failure,
  ABORTED: EXIT_CODES.aborted,
  CONFIRMATION_REQUIRED: EXIT_CODES.aborted,
  NOT_SUPPORTED_LOCALLY: EXIT_CODES.unsupported,
} as const satisfies Record<string, ExitCode>;

export type CliErrorCode = keyof typeof ERROR_CODES;

/** A failure the CLI reports as `code` plus a message that ends with the next step. */
export class CliError extends Error {
  public readonly code: CliErrorCode;
  public readonly exitCode: ExitCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = ERROR_CODES[code];
  }
}

/** Wraps an SDK error (or anything thrown) as `AWS_ERROR`, keeping the service's own message. */
export function toCliError(error: unknown, doing: string): CliError {
  if (error instanceof CliError) return error;
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(
    'AWS_ERROR',
    `${doing} failed: ${name}: ${message}. Check your AWS credentials and region (or --endpoint for the local emulator) and try again.`,
    { cause: error },
  );
}
