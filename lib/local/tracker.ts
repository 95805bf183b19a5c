/**
 * Keeps count of what happens to each job while the local runtime runs: sent, running, done (and by
 * which worker instance), receive counts and the last error a worker logged for it. Feeds the live
 * progress and the final report; reads only what the runtime and the workers report.
 */
import type { InvocationSettled, InvocationStarted, MappingObserver } from './event-source-mapping.js';

export interface SentJob {
  readonly messageId: string;
  readonly queueJobType: string;
  readonly label: string;
}

export class JobTracker implements MappingObserver {
  readonly sent = new Map<string, SentJob>();
  /** messageId → worker instances that completed it (more than one = a duplicate). */
  readonly doneBy = new Map<string, string[]>();
  /** instanceId → jobs it completed. */
  readonly donePerInstance = new Map<string, number>();
  /** messageId → highest receive count seen. */
  readonly receives = new Map<string, number>();
  /** messageId → the last error a worker logged for it. */
  readonly lastError = new Map<string, string>();
  /** job type → invocations running now / at most. */
  readonly running = new Map<string, number>();
  readonly peakRunning = new Map<string, number>();
  readonly pollerErrors: string[] = [];

  recordSent(job: SentJob): void {
    this.sent.set(job.messageId, job);
  }

  invocationStarted(e: InvocationStarted): void {
    const now = (this.running.get(e.jobType) ?? 0) + e.messages.length;
    this.running.set(e.jobType, now);
    this.peakRunning.set(e.jobType, Math.max(this.peakRunning.get(e.jobType) ?? 0, e.concurrency));
    for (const m of e.messages) this.receives.set(m.messageId, Math.max(this.receives.get(m.messageId) ?? 0, m.receiveCount));
  }

  invocationSettled(e: InvocationSettled): void {
    this.running.set(e.jobType, (this.running.get(e.jobType) ?? 0) - e.succeeded.length - e.failed.length);
    for (const id of e.succeeded) {
      this.doneBy.set(id, [...(this.doneBy.get(id) ?? []), e.instanceId]);
      this.donePerInstance.set(e.instanceId, (this.donePerInstance.get(e.instanceId) ?? 0) + 1);
    }
    if (e.outcome.kind === 'timeout') for (const id of e.failed) this.lastError.set(id, `invocation timed out after ${Math.round(e.outcome.timeoutMs)} ms`);
    if (e.outcome.kind === 'error') for (const id of e.failed) this.lastError.set(id, `${e.outcome.errorName}: ${e.outcome.errorMessage}`);
  }

  pollerError(jobType: string, error: unknown): void {
    this.pollerErrors.push(`${jobType}: ${(error as Error).message ?? String(error)}`);
  }

  /** Reads the worker runtime's structured log lines for per-job errors. */
  workerLog(line: string): void {
    const json = line.slice(line.indexOf('{'));
    if (!json.startsWith('{')) return;
    try {
      const entry = JSON.parse(json) as { messageId?: string; error?: { name?: string; message?: string } };
      if (entry.messageId && entry.error) this.lastError.set(entry.messageId, `${entry.error.name}: ${entry.error.message}`);
    } catch {
      // not a structured line
    }
  }

  duplicates(): { messageId: string; instances: string[] }[] {
    return [...this.doneBy].filter(([, by]) => by.length > 1).map(([messageId, instances]) => ({ messageId, instances }));
  }
}
