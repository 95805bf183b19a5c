/**
 * Errors of the local runtime: one stable `code` per kind, a message that states what happened and
 * ends with the next step. `bin/start.ts` prints `code: message` and exits non-zero.
 */

/** Stable codes of the local runtime's errors. */
export type LocalErrorCode =
  | 'JOBQ_LOCAL_NO_ASSEMBLY'
  | 'JOBQ_LOCAL_SYNTH_FAILED'
  | 'JOBQ_LOCAL_WORKER_LOAD_FAILED'
  | 'JOBQ_LOCAL_PORT_IN_USE'
  | 'JOBQ_LOCAL_UNKNOWN_JOB_TYPE'
  | 'JOBQ_LOCAL_BAD_OPTION';

export class LocalRuntimeError extends Error {
  public readonly code: LocalErrorCode;

  constructor(code: LocalErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalRuntimeError';
    this.code = code;
  }
}
