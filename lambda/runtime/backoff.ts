/**
 * Per-job backoff for transient failures: the visibility timeout a failed job gets grows with its
 * receive count, capped, with jitter so jobs that failed together do not come back together.
 */
import { MAX_VISIBILITY_TIMEOUT_SECONDS } from './defaults.js';
import { WorkerConfigurationError } from './errors.js';

export interface BackoffOptions {
  /** Delay after the first failed receive, in seconds; doubles with every further receive. */
  readonly baseSeconds: number;
  /** Longest delay, in seconds; at most 43200 (12 hours, the SQS maximum). */
  readonly maxSeconds: number;
}

/**
 * Seconds until a job that failed on its `receiveCount`-th receive comes back: `base × 2^(n-1)`,
 * capped at `max`, then "equal jitter" (a random point in the upper half) so the delay never drops
 * below half of it.
 */
export function backoffSeconds(receiveCount: number, options: BackoffOptions, random: () => number = Math.random): number {
  const attempt = Math.max(1, Math.floor(receiveCount) || 1);
  const ceiling = Math.min(options.maxSeconds, options.baseSeconds * 2 ** Math.min(attempt - 1, 30));
  return Math.min(options.maxSeconds, Math.ceil(ceiling / 2 + (random() * ceiling) / 2));
}

/** Throws when the backoff cannot work, naming the job type, the value and the allowed range. */
export function checkBackoff(jobType: string, options: BackoffOptions): void {
  const problems: string[] = [];
  const { baseSeconds, maxSeconds } = options;
  if (!Number.isInteger(baseSeconds) || baseSeconds < 1) {
    problems.push(`backoff.baseSeconds (${baseSeconds} seconds) must be a whole number of at least 1`);
  }
  if (!Number.isInteger(maxSeconds) || maxSeconds < 1 || maxSeconds > MAX_VISIBILITY_TIMEOUT_SECONDS) {
    problems.push(`backoff.maxSeconds (${maxSeconds} seconds) must be a whole number from 1 to ${MAX_VISIBILITY_TIMEOUT_SECONDS} (12 hours)`);
  } else if (baseSeconds > maxSeconds) {
    problems.push(`backoff.baseSeconds (${baseSeconds} seconds) must not exceed backoff.maxSeconds (${maxSeconds} seconds)`);
  }
  if (problems.length > 0) {
    throw new WorkerConfigurationError(`Worker for '${jobType}' has an invalid backoff:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}
