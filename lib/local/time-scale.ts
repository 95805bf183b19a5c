/**
 * The local runtime's time scale: one factor that shrinks every duration the runtime honours (queue
 * visibility timeout, retention and delivery delay, batching window, worker timeout), so a topology whose failures
 * take hours in AWS plays out in seconds. SQS takes whole seconds, with lower bounds, so queue settings
 * are rounded up; every rounding is reported so the output never pretends to a precision it lacks.
 */
import type { JobTopology } from '../assembly/topology.js';
import { LocalRuntimeError } from './errors.js';

/** SQS: the smallest visibility timeout that still hides a job from competing workers is 1 s (0 means "not hidden"). */
export const MIN_LOCAL_VISIBILITY_SECONDS = 1;
/** SQS: MessageRetentionPeriod must be at least 60 s. */
export const MIN_RETENTION_SECONDS = 60;
/** SQS: MessageRetentionPeriod is at most 14 days. */
export const MAX_RETENTION_SECONDS = 14 * 24 * 3600;

/**
 * Local floor for a scaled worker timeout: SDK calls a worker makes (a DLQ send, a visibility change)
 * take real milliseconds that no time scale shrinks, so a timeout scaled below this would time out
 * healthy invocations.
 */
export const MIN_LOCAL_WORKER_TIMEOUT_MS = 1_000;

/** The durations one job type runs with locally. */
export interface ScaledTimings {
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  readonly deadLetterRetentionSeconds: number;
  readonly delaySeconds: number;
  readonly batchingWindowMs: number;
  readonly workerTimeoutMs: number;
  /** One line per duration that could not be shrunk exactly, e.g. "visibility timeout 65 s / 30 = 2.17 s, rounded up to 3 s". */
  readonly roundings: readonly string[];
}

/** Checks a time-scale factor: a finite number of at least 1 (1 = real time). */
export function checkTimeScale(factor: number): number {
  if (!Number.isFinite(factor) || factor < 1) {
    throw new LocalRuntimeError(
      'JOBQ_LOCAL_BAD_OPTION',
      `time scale (${factor}) must be a number of at least 1 (1 = real time, 60 = one minute becomes one second); pass e.g. --time-scale 30.`,
    );
  }
  return factor;
}

/** The job type's durations divided by `factor`, SQS settings rounded up to whole seconds within SQS's bounds. */
export function scaleTimings(topology: JobTopology, factor: number): ScaledTimings {
  checkTimeScale(factor);
  const roundings: string[] = [];
  const sqsSeconds = (what: string, seconds: number, min: number, max = Infinity): number => {
    const exact = seconds / factor;
    const rounded = Math.min(max, Math.max(min, Math.ceil(exact - 1e-9)));
    if (Math.abs(rounded - exact) > 1e-9) {
      roundings.push(`${what} ${seconds} s / ${factor} = ${round2(exact)} s, rounded up to ${rounded} s (SQS takes whole seconds; at least ${min} s here)`);
    }
    return rounded;
  };
  const exactTimeoutMs = (topology.worker.timeoutSeconds * 1000) / factor;
  const workerTimeoutMs = Math.max(exactTimeoutMs, MIN_LOCAL_WORKER_TIMEOUT_MS);
  if (workerTimeoutMs > exactTimeoutMs) {
    roundings.push(
      `worker timeout ${topology.worker.timeoutSeconds} s / ${factor} = ${Math.round(exactTimeoutMs)} ms, raised to ${MIN_LOCAL_WORKER_TIMEOUT_MS} ms (the worker's SDK calls take real time)`,
    );
  }
  // Whatever the rounding, a job stays hidden at least as long as its worker may run (as synth requires).
  const minVisibility = Math.max(MIN_LOCAL_VISIBILITY_SECONDS, Math.ceil(workerTimeoutMs / 1000 - 1e-9));
  return {
    visibilityTimeoutSeconds: sqsSeconds('visibility timeout', topology.queue.visibilityTimeoutSeconds, minVisibility),
    retentionSeconds: sqsSeconds('retention', topology.queue.retentionSeconds, MIN_RETENTION_SECONDS, MAX_RETENTION_SECONDS),
    deadLetterRetentionSeconds: sqsSeconds('DLQ retention', topology.deadLetterQueue.retentionSeconds, MIN_RETENTION_SECONDS, MAX_RETENTION_SECONDS),
    // 0 stays 0: a delay, unlike a visibility timeout, may be switched off.
    delaySeconds: topology.queue.delaySeconds === 0 ? 0 : sqsSeconds('delivery delay', topology.queue.delaySeconds, 1),
    batchingWindowMs: (topology.maxBatchingWindowSeconds * 1000) / factor,
    workerTimeoutMs,
    roundings,
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
