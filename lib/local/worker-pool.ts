/**
 * Execution environments for one job type's worker: each a worker thread that loaded the bundled
 * handler once and serves one invocation at a time, reused while warm, like Lambda's. An invocation
 * that overruns the worker's timeout has its thread terminated, as Lambda stops a timed-out sandbox.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { LocalRuntimeError } from './errors.js';

/** Lambda: the init phase (loading the handler module) may take at most 10 s; not scaled, as it is not a topology setting. */
export const INIT_TIMEOUT_MS = 10_000;

const HOST = fileURLToPath(new URL('./worker-host.mjs', import.meta.url));

export interface WorkerSpec {
  readonly jobType: string;
  readonly assetPath: string;
  readonly handler: string;
  readonly functionName: string;
  readonly memorySize: number;
  /** The runtime's time scale: `context.getRemainingTimeInMillis()` answers in unscaled milliseconds. */
  readonly timeScale: number;
  /** The environment the worker sees: its own variables plus the SDK's endpoint, region and dummy credentials. */
  readonly env: Readonly<Record<string, string>>;
  /** Where the workers' stdout/stderr lines go; dropped when unset. */
  readonly log?: (line: string) => void;
}

export type InvokeOutcome =
  | { readonly kind: 'response'; readonly response: SQSBatchResponse | null }
  | { readonly kind: 'error'; readonly errorName: string; readonly errorMessage: string }
  | { readonly kind: 'timeout'; readonly timeoutMs: number };

/** One warm execution environment. */
export class WorkerEnvironment {
  private pending?: { resolve: (o: InvokeOutcome) => void; id: string };
  private dead = false;

  private constructor(
    public readonly instanceId: string,
    private readonly worker: Worker,
  ) {
    worker.on('message', (m: { type: string; id?: string; ok?: boolean; response?: SQSBatchResponse | null; error?: { name: string; message: string } }) => {
      if (m.type !== 'result' || !this.pending || m.id !== this.pending.id) return;
      const { resolve } = this.pending;
      this.pending = undefined;
      resolve(m.ok ? { kind: 'response', response: m.response ?? null } : { kind: 'error', errorName: m.error!.name, errorMessage: m.error!.message });
    });
    worker.on('error', (error) => this.crash(error));
    worker.on('exit', () => this.crash(new Error('the worker thread exited')));
  }

  /** Starts a thread and waits for its init phase; an asset that cannot load is a `JOBQ_LOCAL_WORKER_LOAD_FAILED` error. */
  static async start(spec: WorkerSpec, instanceId: string): Promise<WorkerEnvironment> {
    const worker = new Worker(HOST, {
      env: { ...spec.env },
      workerData: {
        assetPath: spec.assetPath,
        handler: spec.handler,
        functionName: spec.functionName,
        memorySize: spec.memorySize,
        region: spec.env.AWS_REGION,
        timeScale: spec.timeScale,
      },
      stdout: true,
      stderr: true,
    });
    for (const stream of [worker.stdout, worker.stderr]) {
      if (spec.log) {
        let buffered = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          buffered += chunk;
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) spec.log!(`[${instanceId}] ${line}`);
        });
      } else {
        stream.resume();
      }
    }
    const loadFailed = (reason: string) =>
      new LocalRuntimeError(
        'JOBQ_LOCAL_WORKER_LOAD_FAILED',
        `the '${spec.jobType}' worker (handler ${spec.handler} in ${spec.assetPath}) cannot load: ${reason}; fix the worker and synthesize again (npm start does both).`,
      );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(loadFailed(`its init phase took longer than ${INIT_TIMEOUT_MS} ms`));
      }, INIT_TIMEOUT_MS);
      worker.once('message', (m: { type: string; error?: { name: string; message: string } }) => {
        clearTimeout(timer);
        if (m.type === 'ready') return resolve();
        void worker.terminate();
        reject(loadFailed(`${m.error?.name}: ${m.error?.message}`));
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(loadFailed(error.message));
      });
    });
    return new WorkerEnvironment(instanceId, worker);
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Runs one invocation; the thread is terminated (and this environment dies) when it overruns `timeoutMs`. */
  invoke(event: SQSEvent, timeoutMs: number): Promise<InvokeOutcome> {
    if (this.dead || this.pending) throw new Error(`environment ${this.instanceId} is not idle`);
    const id = randomUUID();
    return new Promise<InvokeOutcome>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        this.dead = true;
        void this.worker.terminate();
        resolve({ kind: 'timeout', timeoutMs });
      }, timeoutMs);
      this.pending = {
        id,
        resolve: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      this.worker.postMessage({ type: 'invoke', id, requestId: id, event, deadline: Date.now() + timeoutMs });
    });
  }

  async stop(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }

  private crash(error: Error): void {
    this.dead = true;
    if (this.pending) {
      const { resolve } = this.pending;
      this.pending = undefined;
      resolve({ kind: 'error', errorName: 'Runtime.ExitError', errorMessage: error.message });
    }
  }
}

/** The warm environments of one job type: reused when idle, started on demand. */
export class WorkerPool {
  private readonly idle: WorkerEnvironment[] = [];
  private readonly all = new Set<WorkerEnvironment>();
  private started = 0;

  constructor(private readonly spec: WorkerSpec) {}

  /** An idle warm environment, or a freshly started one. */
  async acquire(): Promise<WorkerEnvironment> {
    while (this.idle.length > 0) {
      const env = this.idle.pop()!;
      if (env.alive) return env;
    }
    const env = await WorkerEnvironment.start(this.spec, `${this.spec.jobType}#${++this.started}`);
    this.all.add(env);
    return env;
  }

  release(env: WorkerEnvironment): void {
    if (env.alive) this.idle.push(env);
    else this.all.delete(env);
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((env) => env.stop()));
    this.all.clear();
    this.idle.length = 0;
  }
}
