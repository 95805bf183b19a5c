/**
 * The local runtime: reads a synthesized cloud assembly, creates its queues in an embedded SQS
 * emulator (durations scaled by one factor) and runs each job type's bundled worker behind a local
 * event source mapping, isolated in worker threads with their own environment.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { readTopology, type JobTopology } from '../assembly/topology.js';
import { startEmulator, LOCAL_CREDENTIALS, LOCAL_REGION, type Emulator } from './emulator.js';
import { LocalRuntimeError } from './errors.js';
import { EventSourceMapping, type MappingObserver } from './event-source-mapping.js';
import { createLocalQueues, type LocalQueues } from './queues.js';
import { LOCAL_TIME_SCALE_ENV } from '../jobs/env.js';
import { scaleTimings, type ScaledTimings } from './time-scale.js';
import { WorkerPool } from './worker-pool.js';

export interface LocalRuntimeOptions {
  /** The cloud assembly folder (`cdk.out`). Keep it inside the project: bundled workers resolve `@aws-sdk/*` from its node_modules. */
  readonly outdir: string;
  /** Every honoured duration is divided by this. @default 1 (real time) */
  readonly timeScale?: number;
  /** Run only these job types. @default - every job type in the assembly */
  readonly jobTypes?: readonly string[];
  /** Emulator port on 127.0.0.1. @default 0 (any free port) */
  readonly port?: number;
  readonly observer?: MappingObserver;
  /** Start polling the queues right away; when false, call `startPolling()`. @default true */
  readonly autoStart?: boolean;
  /** Where worker log lines go. @default - dropped */
  readonly workerLog?: (line: string) => void;
}

export interface LocalJobType {
  readonly topology: JobTopology;
  readonly timings: ScaledTimings;
  readonly queues: LocalQueues;
  /** Environment variables the worker runs with (queue references resolved to local URLs). */
  readonly workerEnv: Readonly<Record<string, string>>;
}

export interface LocalRuntime {
  /** `http://127.0.0.1:<port>`: the emulator's endpoint, for `AWS_ENDPOINT_URL_SQS` or an SDK `endpoint`. */
  readonly endpoint: string;
  readonly timeScale: number;
  readonly jobTypes: ReadonlyMap<string, LocalJobType>;
  /** A new SQS client for the emulator (closed with the runtime). */
  client(): SQSClient;
  /** Starts the event source mappings (`startLocalRuntime` does it unless `autoStart` is false). */
  startPolling(): void;
  /** Stops the event source mappings after running invocations settle; workers stay warm for `startPolling()`. */
  stopPolling(): Promise<void>;
  /** Stops polling, waits for running invocations, stops the workers. The emulator keeps running. */
  stopWorkers(): Promise<void>;
  /** Stops everything. */
  stop(): Promise<void>;
}

/** The job topologies of the assembly at `outdir`, or a `JOBQ_LOCAL_NO_ASSEMBLY` error. */
export function readAssembly(outdir: string): JobTopology[] {
  if (!existsSync(join(outdir, 'manifest.json'))) {
    throw new LocalRuntimeError(
      'JOBQ_LOCAL_NO_ASSEMBLY',
      `no synthesized app in ${outdir} (manifest.json is missing); run \`npx cdk synth\` (or \`npm start\`, which synthesizes first).`,
    );
  }
  const topology = readTopology(outdir);
  if (topology.length === 0) {
    throw new LocalRuntimeError('JOBQ_LOCAL_NO_ASSEMBLY', `the app in ${outdir} has no SQS → Lambda job types; add a JobQueue and synthesize again.`);
  }
  return topology;
}

/** Only the named job types, or a `JOBQ_LOCAL_UNKNOWN_JOB_TYPE` error listing the ones that exist. */
export function selectJobTypes(topology: readonly JobTopology[], names: readonly string[] | undefined): JobTopology[] {
  if (!names || names.length === 0) return [...topology];
  const known = topology.map((t) => t.jobType);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new LocalRuntimeError(
      'JOBQ_LOCAL_UNKNOWN_JOB_TYPE',
      `unknown job type${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')}; the app has ${known.map((n) => `'${n}'`).join(', ')}.`,
    );
  }
  return topology.filter((t) => names.includes(t.jobType));
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const timeScale = options.timeScale ?? 1;
  const selected = selectJobTypes(readAssembly(options.outdir), options.jobTypes);
  for (const t of selected) {
    if (!t.worker.assetPath || !existsSync(t.worker.assetPath) || !t.worker.handler) {
      throw new LocalRuntimeError(
        'JOBQ_LOCAL_WORKER_LOAD_FAILED',
        `the '${t.jobType}' worker has no bundled asset in the assembly (${t.worker.assetPath ?? 'no aws:asset:path metadata'}); only workers bundled by JobQueue (workerEntry) run locally: synthesize again, or pass --job-types without '${t.jobType}'.`,
      );
    }
  }
  const timings = new Map(selected.map((t) => [t.jobType, scaleTimings(t, timeScale)]));

  const emulator = await startEmulator(options.port ?? 0);
  const pools: WorkerPool[] = [];
  const mappings: EventSourceMapping[] = [];
  try {
    const admin = emulator.client();
    const queues = new Map<string, LocalQueues>();
    for (const t of selected) queues.set(t.jobType, await createLocalQueues(admin, t, timings.get(t.jobType)!));
    const urlByLogicalId = new Map<string, string>();
    for (const t of selected) {
      const q = queues.get(t.jobType)!;
      urlByLogicalId.set(t.queue.logicalId, q.queueUrl);
      urlByLogicalId.set(t.deadLetterQueue.logicalId, q.deadLetterQueueUrl);
    }

    const jobTypes = new Map<string, LocalJobType>();
    for (const t of selected) {
      const workerEnv = workerEnvironment(t, urlByLogicalId, emulator, timings.get(t.jobType)!, timeScale);
      const pool = new WorkerPool({
        jobType: t.jobType,
        assetPath: t.worker.assetPath!,
        handler: t.worker.handler!,
        functionName: t.worker.functionName ?? t.worker.logicalId,
        memorySize: t.worker.memorySize,
        timeScale,
        env: workerEnv,
        log: options.workerLog,
      });
      pools.push(pool);
      // Load every worker once before any job flows: a worker that cannot load fails the start.
      pool.release(await pool.acquire());
      const local = { topology: t, timings: timings.get(t.jobType)!, queues: queues.get(t.jobType)!, workerEnv };
      jobTypes.set(t.jobType, local);
      mappings.push(
        new EventSourceMapping(
          {
            jobType: t.jobType,
            queueUrl: local.queues.queueUrl,
            queueArn: local.queues.queueArn,
            region: LOCAL_REGION,
            batchSize: t.batchSize,
            batchingWindowMs: local.timings.batchingWindowMs,
            maxConcurrency: t.maxConcurrency,
            reportBatchItemFailures: t.reportBatchItemFailures,
            workerTimeoutMs: local.timings.workerTimeoutMs,
          },
          emulator.client(),
          pool,
          options.observer,
        ),
      );
    }
    let polling = false;
    const startPolling = () => {
      if (polling) return;
      polling = true;
      for (const m of mappings) m.start();
    };
    const stopPolling = async () => {
      polling = false;
      await Promise.all(mappings.map((m) => m.stop()));
    };
    if (options.autoStart ?? true) startPolling();

    let workersStopped: Promise<void> | undefined;
    const stopWorkers = () =>
      (workersStopped ??= (async () => {
        await stopPolling();
        await Promise.all(pools.map((p) => p.close()));
      })());
    return {
      endpoint: emulator.endpoint,
      timeScale,
      jobTypes,
      client: () => emulator.client(),
      startPolling,
      stopPolling,
      stopWorkers,
      async stop() {
        await stopWorkers();
        await emulator.close();
      },
    };
  } catch (error) {
    await Promise.all(mappings.map((m) => m.stop()));
    await Promise.all(pools.map((p) => p.close()));
    await emulator.close();
    throw error;
  }
}

/**
 * The worker's synthesized variables with `Ref`s to queues turned into local queue URLs, plus what the
 * SDK needs to reach the emulator: the standard endpoint variable, a region and dummy credentials.
 */
function workerEnvironment(
  t: JobTopology,
  urlByLogicalId: ReadonlyMap<string, string>,
  emulator: Emulator,
  timings: ScaledTimings,
  timeScale: number,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(t.worker.environment)) {
    if (typeof value === 'string') env[name] = value;
    else if ('ref' in value && urlByLogicalId.has(value.ref)) env[name] = urlByLogicalId.get(value.ref)!;
  }
  return {
    ...env,
    AWS_ENDPOINT_URL_SQS: emulator.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_LAMBDA_FUNCTION_NAME: t.worker.functionName ?? t.worker.logicalId,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(t.worker.memorySize),
    AWS_LAMBDA_FUNCTION_TIMEOUT: String(Math.max(1, Math.ceil(timings.workerTimeoutMs / 1000))),
    // The worker runtime shrinks the visibility changes it makes (backoff, retryAfter) by the same factor.
    [LOCAL_TIME_SCALE_ENV]: String(timeScale),
    // Lambda runs Node 24; locally the SDK would warn about Node 20 on every worker start.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
