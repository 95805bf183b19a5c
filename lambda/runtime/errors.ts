/** Why a job can never succeed as sent. */
export type InvalidJobReason = 'invalid-json' | 'schema-violation';

/** A job whose body or payload is invalid: retrying the same message cannot fix it. */
export class InvalidJobError extends Error {
  public readonly reason: InvalidJobReason;

  constructor(reason: InvalidJobReason, message: string) {
    super(message);
    this.name = 'InvalidJobError';
    this.reason = reason;
  }
}
