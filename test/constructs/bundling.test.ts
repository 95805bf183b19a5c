import { App, Duration, Stack } from 'aws-cdk-lib';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRootOf, WORKER_BUNDLE_BANNER, workerBuildOptions, WorkerBundler } from '../../lib/constructs/bundling.js';
import { WORKER_BUNDLE_TARGET } from '../../lib/constructs/defaults.js';
import { JobQueue } from '../../lib/index.js';
import { scratchDir, testApp } from '../helpers/app.js';
import { generatedJobType, generateWorkers, writeWorker } from '../helpers/generated-workers.js';

/** The S3 key (asset hash + .zip) of each JobQueue worker in a stack, by job type. */
function workerAssetKeys(stack: Stack, jobTypes: readonly string[]): Record<string, string> {
  const template = (stack.node.root as App).synth().getStackArtifact(stack.artifactId).template;
  const keys: Record<string, string> = {};
  for (const jobType of jobTypes) {
    const fn = Object.values<any>(template.Resources).find(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName?.endsWith(`-${jobType}-worker`),
    );
    keys[jobType] = fn.Properties.Code.S3Key;
  }
  return keys;
}

function stackWithJobQueues(entries: readonly string[], id = 'Bundles'): Stack {
  const stack = new Stack(testApp(), id);
  entries.forEach((workerEntry, i) => {
    new JobQueue(stack, generatedJobType(i), { jobType: generatedJobType(i), workerEntry, workerTimeout: Duration.seconds(10) });
  });
  return stack;
}

describe('one esbuild pass for many workers', () => {
  test('declared workers are bundled together in a single pass', () => {
    const { entries } = generateWorkers(4);
    const app = testApp();
    const bundler = WorkerBundler.of(app);
    bundler.declare(entries.map((entry) => ({ entry, sourceMap: true })));
    const stack = new Stack(app, 'Declared');
    entries.forEach((workerEntry, i) => {
      new JobQueue(stack, generatedJobType(i), { jobType: generatedJobType(i), workerEntry, workerTimeout: Duration.seconds(10) });
    });
    expect(bundler.passes).toBe(1);
    expect(bundler.builds).toBe(1);
  });

  test('a JobQueue in a plain stack bundles its worker with no app-level setup', () => {
    const { entries } = generateWorkers(1);
    const stack = stackWithJobQueues(entries);
    expect(WorkerBundler.of(stack).passes).toBe(1);
    const fn = stack.node.findAll().find((c): c is lambda.Function => c instanceof lambda.Function)!;
    expect(readdirSync(assetDir(fn)).sort()).toEqual(['index.mjs', 'index.mjs.map']);
  });

  test('each bundle is byte-identical to a single-entry esbuild build with the same options', () => {
    const { entries } = generateWorkers(3);
    const stack = stackWithJobQueues(entries);
    const functions = stack.node.findAll().filter((c): c is lambda.Function => c instanceof lambda.Function);
    expect(functions).toHaveLength(3);
    // Per-function bundling, written at the same depth below a sibling outdir, as NodejsFunction does.
    const single = scratchDir('single-');
    for (const [i, entry] of entries.entries()) {
      const outdir = join(single, `bundling-temp-${i}`);
      esbuild.buildSync({ ...workerBuildOptions(true, projectRootOf(entry)), entryPoints: [entry], outfile: join(outdir, 'index.mjs') });
      const asset = assetDir(functions[i]!);
      expect(readFileSync(join(asset, 'index.mjs'))).toEqual(readFileSync(join(outdir, 'index.mjs')));
      expect(readFileSync(join(asset, 'index.mjs.map'))).toEqual(readFileSync(join(outdir, 'index.mjs.map')));
    }
  });

  test("each worker's asset hash equals NodejsFunction's with the bundling options JobQueue used before", () => {
    const { entries } = generateWorkers(2);
    const ours = workerAssetKeys(stackWithJobQueues(entries), [generatedJobType(0), generatedJobType(1)]);
    const stack = new Stack(testApp(), 'Nodejs');
    const theirs = entries.map((entry, i) => {
      const fn = new nodejs.NodejsFunction(stack, `Fn${i}`, {
        entry,
        runtime: lambda.Runtime.NODEJS_24_X,
        architecture: lambda.Architecture.ARM_64,
        bundling: {
          format: nodejs.OutputFormat.ESM,
          target: WORKER_BUNDLE_TARGET,
          minify: true,
          sourceMap: true,
          sourcesContent: false,
          mainFields: ['module', 'main'],
          externalModules: ['@aws-sdk/*'],
          forceDockerBundling: false,
          banner: WORKER_BUNDLE_BANNER,
        },
      });
      return `${assetHashOf(fn)}.zip`;
    });
    expect([ours[generatedJobType(0)], ours[generatedJobType(1)]]).toEqual(theirs);
  });
});

describe('asset hashes', () => {
  test('an unchanged worker keeps its asset hash when another worker changes', () => {
    const { dir, entries } = generateWorkers(3);
    const jobTypes = [0, 1, 2].map(generatedJobType);
    const before = workerAssetKeys(stackWithJobQueues(entries), jobTypes);
    writeWorker(dir, generatedJobType(1), `'changed'`);
    const after = workerAssetKeys(stackWithJobQueues(entries), jobTypes);
    expect(after[jobTypes[0]!]).toBe(before[jobTypes[0]!]);
    expect(after[jobTypes[2]!]).toBe(before[jobTypes[2]!]);
    expect(after[jobTypes[1]!]).not.toBe(before[jobTypes[1]!]);
  });

  test('a worker keeps its asset hash when its module imports change in another worker only', () => {
    const { dir, entries } = generateWorkers(2);
    const jobTypes = [0, 1].map(generatedJobType);
    const before = workerAssetKeys(stackWithJobQueues(entries), jobTypes);
    writeFileSync(join(dir, 'other.ts'), 'export const extra = 42;\n');
    writeFileSync(entries[1]!, `import { done } from './shared.js';\nimport { extra } from './other.js';\nexport const handler = async () => done(String(extra));\n`);
    const after = workerAssetKeys(stackWithJobQueues(entries), jobTypes);
    expect(after[jobTypes[0]!]).toBe(before[jobTypes[0]!]);
    expect(after[jobTypes[1]!]).not.toBe(before[jobTypes[1]!]);
  });

  test('a change in a module a worker imports changes that worker\'s hash', () => {
    const { dir, entries } = generateWorkers(1);
    const jobType = generatedJobType(0);
    const before = workerAssetKeys(stackWithJobQueues(entries), [jobType]);
    writeFileSync(join(dir, 'shared.ts'), `export function done(note: string) { return { batchItemFailures: [], note, v: 2 }; }\n`);
    const after = workerAssetKeys(stackWithJobQueues(entries), [jobType]);
    expect(after[jobType]).not.toBe(before[jobType]);
  });
});

describe('bundling errors', () => {
  test('a worker that does not compile fails synth with its file, line and the fix', () => {
    const { entries } = generateWorkers(2);
    writeFileSync(entries[1]!, `import { nothing } from './missing.js';\nexport const handler = nothing;\n`);
    const app = testApp();
    WorkerBundler.of(app).declare(entries.map((entry) => ({ entry, sourceMap: true })));
    expect(() => stackWithJobQueuesIn(app, entries)).toThrow(
      new RegExp(`Could not bundle 2 worker entries[\\s\\S]*job-001\\.ts:1:\\d+: Could not resolve "\\./missing\\.js"[\\s\\S]*Fix the worker file`),
    );
  });
});

function stackWithJobQueuesIn(app: ReturnType<typeof testApp>, entries: readonly string[]): Stack {
  const stack = new Stack(app, 'Broken');
  entries.forEach((workerEntry, i) => {
    new JobQueue(stack, generatedJobType(i), { jobType: generatedJobType(i), workerEntry, workerTimeout: Duration.seconds(10) });
  });
  return stack;
}

/** The staged asset folder of a function's code. */
function assetDir(fn: lambda.Function): string {
  return join((fn.node.root as App).outdir, codeAsset(fn).assetPath);
}

function assetHashOf(fn: lambda.Function): string {
  return codeAsset(fn).assetHash;
}

function codeAsset(fn: lambda.Function): s3assets.Asset {
  return fn.node.findAll().find((c): c is s3assets.Asset => c instanceof s3assets.Asset)!;
}
