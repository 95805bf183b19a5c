/**
 * Worker bundling for a whole app: every worker entry the app declares is bundled in one in-process
 * esbuild pass, one output folder per entry, and each `JobQueue` gets its worker as a plain asset.
 *
 * Why not `NodejsFunction`: it starts one esbuild process per function (about 0.6 s each on a 2-core
 * machine, 66 s for 100 workers in distinct files). esbuild's API bundles many entry points in one
 * call, in parallel, from one long-lived service.
 *
 * Why the hashes stay stable: there is no code splitting, so each output depends only on its own entry
 * and its imports, and it is written where `NodejsFunction` writes its bundle (one folder below the
 * assembly's asset folder), so even the source map's relative paths match. The asset hash is a hash
 * of the output bytes: a worker whose code did not change keeps its hash when another worker changes,
 * and `cdk deploy` leaves its function alone.
 */
import { AssetHashType, DockerImage, type ILocalBundling, Stage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { WORKER_BUNDLE_TARGET } from './defaults.js';

/** The file every worker bundle is written to; the function's handler is `index.handler`. */
export const WORKER_BUNDLE_FILE = 'index.mjs';

/** The handler setting of every bundled worker. */
export const WORKER_HANDLER = 'index.handler';

/** ESM bundles have no `require`; some CommonJS dependencies still call it. */
export const WORKER_BUNDLE_BANNER = "import{createRequire as __cjq}from'node:module';const require=__cjq(import.meta.url);";

/**
 * Most workers one esbuild build takes. Measured on 2 cores with 23 KB workers: peak memory grows
 * 3–4 MB per entry in a build (25 entries: 123 MB, against 43 MB for one) while 16 still keep both cores busy.
 */
export const MAX_ENTRIES_PER_BUILD = 16;

/** Prefix of the folder (under the assembly's asset folder) each worker is bundled into. */
const BUNDLE_DIR_PREFIX = 'bundling-temp-jobq-';

/** How one worker is bundled. */
export interface WorkerBundleSpec {
  /** Path of the worker's handler file. */
  readonly entry: string;
  /** Whether the bundle carries a source map (`index.mjs.map`, sources not inlined). */
  readonly sourceMap: boolean;
}

/**
 * The esbuild options every worker is bundled with: the ones `NodejsFunction` passes to the esbuild CLI
 * for `JobQueue`'s settings (Node.js platform, target node20, minified ESM, `@aws-sdk/*` external, the
 * `require` banner, `module` before `main`). Shared by the bundler, the tests and the benchmark.
 */
export function workerBuildOptions(sourceMap: boolean, projectRoot: string): esbuild.BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: WORKER_BUNDLE_TARGET,
    format: 'esm',
    minify: true,
    sourcemap: sourceMap,
    sourcesContent: false,
    external: ['@aws-sdk/*'],
    mainFields: ['module', 'main'],
    banner: { js: WORKER_BUNDLE_BANNER },
    absWorkingDir: projectRoot,
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
    write: true,
  };
}

/** Thrown when esbuild cannot bundle one or more workers; lists every esbuild error with its entry. */
export class WorkerBundlingError extends Error {
  constructor(entries: readonly string[], messages: readonly string[]) {
    super(
      `Could not bundle ${entries.length} worker ${entries.length === 1 ? 'entry' : 'entries'} (${entries.join(', ')}):\n` +
        messages.map((m) => `- ${m}`).join('\n') +
        '\nFix the worker file (or its imports) named above; each workerEntry must be a TypeScript or JavaScript file exporting `handler`.',
    );
    this.name = 'WorkerBundlingError';
  }
}

const bundlers = new WeakMap<IConstruct, WorkerBundler>();

/**
 * Bundles the workers of one app. Entries are declared with `declare()` (for example by
 * `JobQueueStacks`, which knows every job type up front) and bundled together the first time any of
 * them is needed; an entry nobody declared is bundled on its own when its `JobQueue` asks for it, so a
 * single `JobQueue` in a user's own stack needs no app-level setup.
 */
export class WorkerBundler {
  /** The bundler of the app `scope` belongs to. */
  public static of(scope: IConstruct): WorkerBundler {
    const root = scope.node.root;
    let bundler = bundlers.get(root);
    if (!bundler) {
      bundler = new WorkerBundler(assetOutdirOf(root));
      bundlers.set(root, bundler);
    }
    return bundler;
  }

  /** Bundling passes run so far: each bundles every worker declared and not bundled yet. */
  public passes = 0;
  /** esbuild builds run so far (a pass runs one per batch of up to 16 workers). */
  public builds = 0;
  private readonly pending = new Map<string, WorkerBundleSpec>();
  private readonly bundled = new Map<string, string>();

  private constructor(private readonly outdir: string) {}

  /** Declares workers to bundle in the next pass (no work happens until one of them is needed). */
  public declare(specs: readonly WorkerBundleSpec[]): void {
    for (const spec of specs) {
      const key = bundleKey(spec);
      if (!this.bundled.has(key)) this.pending.set(key, { ...spec, entry: resolve(spec.entry) });
    }
  }

  /**
   * The folder holding one worker's bundle. Bundles it, together with every declared worker not
   * bundled yet, in one esbuild pass.
   */
  public bundleDir(spec: WorkerBundleSpec): string {
    const key = bundleKey(spec);
    const done = this.bundled.get(key);
    if (done) return done;
    this.declare([spec]);
    this.flush();
    return this.bundled.get(key)!;
  }

  /**
   * The worker's code as a bundled asset hashed by its output bytes (`AssetHashType.OUTPUT`, as
   * `NodejsFunction` does). The bundle is made when CDK stages the asset, so stacks a `cdk deploy`
   * did not select skip it, as they skip `NodejsFunction` bundling.
   */
  public code(spec: WorkerBundleSpec): lambda.Code {
    const entry = resolve(spec.entry);
    this.declare([spec]);
    return lambda.Code.fromAsset(dirname(entry), {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Never used: local bundling always succeeds (esbuild is a dependency, not a Docker image).
        image: DockerImage.fromRegistry('jobq-local-bundling-only'),
        local: new BundledWorker(this, { entry, sourceMap: spec.sourceMap }),
      },
    });
  }

  /**
   * Moves one worker's bundle into `outputDir` (CDK's staging folder), bundling it first if needed.
   * Like `NodejsFunction`'s, the bundle leaves no folder behind; asked for again, it is rebuilt.
   */
  public moveBundle(spec: WorkerBundleSpec, outputDir: string): void {
    const dir = this.bundleDir(spec);
    cpSync(dir, outputDir, { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    this.bundled.delete(bundleKey(spec));
  }

  private flush(): void {
    const specs = [...this.pending.entries()];
    this.pending.clear();
    // One pass, in batches: esbuild takes the source-map option per build, not per entry, and holds
    // every entry's bundle in memory until its build returns (3–4 MB each for a 23 KB worker with its
    // source map), so a batch is capped to keep its memory flat however many workers the app has.
    for (const sourceMap of [true, false]) {
      const group = specs.filter(([, spec]) => spec.sourceMap === sourceMap);
      for (let start = 0; start < group.length; start += MAX_ENTRIES_PER_BUILD) this.build(group.slice(start, start + MAX_ENTRIES_PER_BUILD), sourceMap);
    }
    this.passes += 1;
    // A pass over many workers leaves esbuild's service process holding the memory it used while the
    // app goes on to synthesize; every declared worker is bundled, so let it go. (After a lone worker
    // it stays: the next JobQueue's worker is bundled without restarting it.)
    if (specs.length > 1) void esbuild.stop();
  }

  private build(batch: readonly [string, WorkerBundleSpec][], sourceMap: boolean): void {
    const entryPoints = batch.map(([key, spec]) => ({ in: spec.entry, out: `${BUNDLE_DIR_PREFIX}${key}/index` }));
    try {
      esbuild.buildSync({ ...workerBuildOptions(sourceMap, projectRootOf(batch[0]![1].entry)), entryPoints, outdir: this.outdir });
    } catch (error) {
      const failure = error as esbuild.BuildFailure;
      const messages = (failure.errors ?? []).map((e) => `${e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ` : ''}${e.text}`);
      throw new WorkerBundlingError(
        batch.map(([, spec]) => spec.entry),
        messages.length > 0 ? messages : [String(error)],
      );
    }
    this.builds += 1;
    for (const [key] of batch) this.bundled.set(key, join(this.outdir, `${BUNDLE_DIR_PREFIX}${key}`));
  }
}

/**
 * CDK's hook into the bundler: copies the worker's bundle into the staging folder. Its public fields
 * go into CDK's asset cache key, so two workers never share a cache entry.
 */
class BundledWorker implements ILocalBundling {
  // A #private field stays out of the cache key: only the spec identifies the bundle.
  readonly #bundler: WorkerBundler;

  constructor(
    bundler: WorkerBundler,
    public readonly spec: WorkerBundleSpec,
  ) {
    this.#bundler = bundler;
  }

  public tryBundle(outputDir: string): boolean {
    this.#bundler.moveBundle(this.spec, outputDir);
    return true;
  }
}

/** A stable folder name per (entry, options): the same worker declared twice is bundled once. */
function bundleKey(spec: WorkerBundleSpec): string {
  return createHash('sha256')
    .update(`${resolve(spec.entry)}\0${spec.sourceMap}`)
    .digest('hex')
    .slice(0, 16);
}

/** Where the app stages assets: bundles go one folder below it, like `NodejsFunction`'s. */
function assetOutdirOf(root: IConstruct): string {
  return Stage.isStage(root) ? root.assetOutdir : mkdtempSync(join(tmpdir(), 'jobq-bundles-'));
}

/**
 * The folder esbuild runs in: the nearest one above the entry with a lockfile, as `NodejsFunction`
 * picks its project root (only resolution of tsconfig and packages depends on it).
 */
export function projectRootOf(entry: string): string {
  let dir = dirname(resolve(entry));
  for (;;) {
    if (['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock'].some((f) => existsSync(join(dir, f)))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return dirname(resolve(entry));
    dir = parent;
  }
}
