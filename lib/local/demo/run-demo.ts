/**
 * The `npm start` demo on a running local runtime: the seed's producers send their jobs, progress is
 * reported until every job is done or in its DLQ, then the report's facts are gathered.
 */
import { deadLetterReason, peekDeadLetterIds, readDeadLetters } from '../dead-letters.js';
import type { LocalRuntime } from '../runtime.js';
import type { JobTracker } from '../tracker.js';
import type { DemoJob } from './seed-jobs.js';
import { sendJob } from './send-job.js';

export interface ProgressRow {
  readonly jobType: string;
  readonly sent: number;
  /** Sent, neither done nor in the DLQ: waiting, running or waiting to be retried. */
  readonly inFlight: number;
  readonly running: number;
  readonly done: number;
  readonly inDeadLetterQueue: number;
}

export interface DemoDeadLetter {
  readonly queueJobType: string;
  readonly label: string;
  readonly claimedJobType: string | undefined;
  readonly reason: string;
}

export interface DemoResult {
  readonly finished: boolean;
  /** Message ids of the sent jobs that were done (not dead-lettered). */
  readonly done: ReadonlySet<string>;
  /** Message ids of the sent jobs that are in a DLQ. */
  readonly deadLettered: ReadonlySet<string>;
  readonly elapsedMs: number;
  readonly progress: readonly ProgressRow[];
  readonly deadLetters: readonly DemoDeadLetter[];
}

export interface RunDemoOptions {
  readonly runtime: LocalRuntime;
  readonly tracker: JobTracker;
  readonly jobs: readonly DemoJob[];
  readonly onProgress?: (rows: readonly ProgressRow[], elapsedMs: number) => void;
  readonly progressIntervalMs?: number;
  /** Give up waiting after this long. */
  readonly timeoutMs: number;
}

export async function runDemo(options: RunDemoOptions): Promise<DemoResult> {
  const { runtime, tracker } = options;
  const client = runtime.client();
  const started = Date.now();
  const labels = new Map<string, number>();
  for (const job of options.jobs) {
    const local = runtime.jobTypes.get(job.queueJobType);
    if (!local) continue; // job type not running (--job-types)
    const n = (labels.get(job.producer) ?? 0) + 1;
    labels.set(job.producer, n);
    const messageId = await sendJob(client, { queueUrl: local.queues.queueUrl, jobType: job.jobType, payload: job.payload });
    tracker.recordSent({ messageId, queueJobType: job.queueJobType, label: `${job.producer} #${n}${job.note ? ` (${job.note})` : ''}` });
  }

  const done = new Set<string>();
  const deadLettered = new Set<string>();
  const snapshot = async (): Promise<ProgressRow[]> => {
    for (const local of runtime.jobTypes.values()) {
      for (const id of await peekDeadLetterIds(runtime.endpoint, local.topology.deadLetterQueue.name)) deadLettered.add(id);
    }
    for (const id of tracker.doneBy.keys()) if (!deadLettered.has(id)) done.add(id);
    for (const id of deadLettered) done.delete(id);
    return [...runtime.jobTypes.values()].map((local) => {
      const jobType = local.topology.jobType;
      const ids = [...tracker.sent.values()].filter((j) => j.queueJobType === jobType).map((j) => j.messageId);
      const doneCount = ids.filter((id) => done.has(id)).length;
      const inDeadLetterQueue = ids.filter((id) => deadLettered.has(id)).length;
      return { jobType, sent: ids.length, inFlight: ids.length - doneCount - inDeadLetterQueue, running: tracker.running.get(jobType) ?? 0, done: doneCount, inDeadLetterQueue };
    });
  };

  let rows = await snapshot();
  while (rows.some((r) => r.inFlight > 0) && Date.now() - started < options.timeoutMs) {
    options.onProgress?.(rows, Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, options.progressIntervalMs ?? 1000));
    rows = await snapshot();
  }
  options.onProgress?.(rows, Date.now() - started);
  const finished = rows.every((r) => r.inFlight === 0);

  const deadLetters: DemoDeadLetter[] = [];
  for (const local of runtime.jobTypes.values()) {
    for (const letter of await readDeadLetters(client, local.queues.deadLetterQueueUrl)) {
      const id = letter.failure?.originalMessageId || letter.messageId;
      deadLetters.push({
        queueJobType: local.topology.jobType,
        label: tracker.sent.get(id)?.label ?? `message ${id}`,
        claimedJobType: letter.claimedJobType,
        reason: deadLetterReason(letter, tracker.receives.get(id), local.topology.maxReceiveCount, tracker.lastError.get(id)),
      });
    }
  }
  return { finished, done, deadLettered, elapsedMs: Date.now() - started, progress: rows, deadLetters };
}
