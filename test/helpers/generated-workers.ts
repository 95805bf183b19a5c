/** Tiny generated worker files (one per job type) for bundling and many-job-type tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { JobQueueStacksEntry } from '../../lib/constructs/job-queue-stacks.js';
import { defineJob } from '../../lib/jobs/define-job.js';
import * as z from 'zod/mini';
import { scratchDir } from './app.js';

/** The generated job type name for index `i`: `job-000`, `job-001`, … */
export function generatedJobType(i: number): string {
  return `job-${String(i).padStart(3, '0')}`;
}

/** Writes a worker file that imports a shared helper module, so bundles have more than one source. */
export function writeWorker(dir: string, jobType: string, body = `'${jobType} done'`): string {
  const file = join(dir, `${jobType}.ts`);
  writeFileSync(file, `import { done } from './shared.js';\nexport const handler = async () => done(${body});\n`);
  return file;
}

/** A scratch folder with `count` generated workers and their shared helper; returns the entry paths. */
export function generateWorkers(count: number, prefix = 'workers-'): { dir: string; entries: string[] } {
  const dir = scratchDir(prefix);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'shared.ts'), `export function done(note: string) { return { batchItemFailures: [], note }; }\n`);
  const entries = Array.from({ length: count }, (_, i) => writeWorker(dir, generatedJobType(i)));
  return { dir, entries };
}

/** `JobQueueStacks` entries for generated job types `0 … count-1`, with the worker files in `entries`. */
export function generatedEntries(entries: readonly string[]): JobQueueStacksEntry[] {
  return entries.map((workerEntry, i) => ({
    job: defineJob({ name: generatedJobType(i), schema: z.object({ id: z.string() }), description: `generated job ${i}` }),
    workerEntry,
    workerTimeout: Duration.seconds(10),
  }));
}
