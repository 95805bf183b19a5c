/**
 * Every default of the producer client, each with its reason. (The constructs' defaults live in
 * lib/constructs/defaults.ts, which imports aws-cdk-lib; this client must not.)
 */

/** Sends of a job whose batch entry SQS failed without blaming the sender: 1 + 4 retries rides out a throttling burst. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** First backoff before resending failed batch entries; doubles per attempt (AWS: exponential backoff with jitter). */
export const DEFAULT_BASE_DELAY_MS = 100;

/** Cap of one backoff, so a caller waits seconds, not minutes, before learning a job failed. */
export const DEFAULT_MAX_DELAY_MS = 5_000;

/** SendMessageBatch requests in flight at once per client: parallel enough for throughput, few enough to stay under throttling. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 10;

/** The `jitter` backoff of "Exponential Backoff And Jitter" (AWS Architecture Blog): uniform in [0, min(cap, base × 2^retry)]. */
export function backoffDelayMs(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry));
}
