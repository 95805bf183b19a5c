import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JobQueuesStack } from '../../lib/app/job-queues-stack.js';
import { SEED_STACK_NAME } from '../../lib/app/seed-app.js';
import { runDemo, type DemoResult } from '../../lib/local/demo/run-demo.js';
import { seedDemoJobs } from '../../lib/local/demo/seed-jobs.js';
import { startLocalRuntime, type LocalRuntime } from '../../lib/local/runtime.js';
import { JobTracker } from '../../lib/local/tracker.js';
import { testApp } from '../helpers/app.js';

// Photo jobs' 180 s visibility becomes 2 s: the poison and wrong-queue jobs reach the DLQ in ~12 s.
const TIME_SCALE = 90;

describe('the seed app, end to end', () => {
  let runtime: LocalRuntime;
  const tracker = new JobTracker();
  let result: DemoResult;

  beforeAll(async () => {
    // The seed's stack as `cdk synth` builds it, minus the cdk-nag pass (validation only; it adds seconds).
    const app = testApp({ 'aws:cdk:enable-asset-metadata': true });
    new JobQueuesStack(app, SEED_STACK_NAME);
    const outdir = app.synth().directory;
    runtime = await startLocalRuntime({ outdir, timeScale: TIME_SCALE, observer: tracker, workerLog: (line) => tracker.workerLog(line) });
    result = await runDemo({ runtime, tracker, jobs: seedDemoJobs(), timeoutMs: 45_000, progressIntervalMs: 250 });
  }, 90_000);
  afterAll(() => runtime?.stop());

  test('every job sent by the three producers ends done or in the DLQ with a reason', () => {
    const sent = [...tracker.sent.values()];
    expect(sent).toHaveLength(seedDemoJobs().length);
    expect(new Set(sent.map((j) => j.label.split(' #')[0]))).toEqual(new Set(['UploadService', 'AdminDashboard', 'BatchImport']));
    expect(result.finished).toBe(true);
    const deadLabels = result.deadLetters.map((d) => d.label);
    for (const job of sent) {
      expect(result.done.has(job.messageId) !== result.deadLettered.has(job.messageId)).toBe(true);
      expect(deadLabels.includes(job.label)).toBe(result.deadLettered.has(job.messageId));
    }
    for (const d of result.deadLetters) expect(d.reason).toMatch(/^(exceeded maxReceiveCount \(\d+ receives\)|[a-z-]+ after \d+ receives?: )/);
  });

  test('the always-failing, poison and wrong-queue jobs are the ones dead-lettered, each with its cause', () => {
    const byNote = Object.fromEntries(result.deadLetters.map((d) => [/\((.+)\)$/.exec(d.label)?.[1], d]));
    expect(Object.keys(byNote).sort()).toEqual(['always fails', 'poison', 'wrong queue']);
    expect(byNote['always fails']).toMatchObject({ queueJobType: 'email-sending', reason: expect.stringMatching(/^exceeded maxReceiveCount \(5 receives\)/) });
    expect(byNote['poison']).toMatchObject({ queueJobType: 'photo-resize', reason: expect.stringMatching(/width/) });
    expect(byNote['wrong queue']).toMatchObject({ queueJobType: 'photo-resize', claimedJobType: 'email-sending' });
  });

  test('ordinary jobs are each done exactly once, by competing worker instances', () => {
    expect(tracker.duplicates()).toEqual([]);
    const photoInstances = [...tracker.donePerInstance.keys()].filter((id) => id.startsWith('photo-resize#'));
    expect(photoInstances.length).toBeGreaterThanOrEqual(2);
    for (const [jobType, peak] of tracker.peakRunning) expect(peak).toBeLessThanOrEqual(runtime.jobTypes.get(jobType)!.topology.maxConcurrency!);
  });
});
