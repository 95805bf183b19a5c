/**
 * Worker benchmark (`npm run bench:worker`): bundle size per job type, module init time against a naive
 * Powertools-parser + classic-zod worker, and per-batch overhead against a hand-written loop calling the
 * same handler. Baselines are measured side by side in the same run; figures go to BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleWorker, type Bundle } from './bundle.js';
import { perBatch } from './per-batch.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, '.tmp', 'bench-worker');
const SIZE_TARGET_BYTES = 30 * 1024;
const INIT_RUNS = Number(process.env.BENCH_INIT_RUNS ?? 25);

const WORKERS = {
  'video-transcoding': 'lambda/workers/video-transcoding.ts',
  'photo-resize': 'lambda/workers/photo-resize.ts',
  'email-sending': 'lambda/workers/email-sending.ts',
  'baseline: naive photo-resize (Powertools batch + parser, classic zod)': 'bench/baseline/naive-photo-resize.ts',
} as const;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function sizes(): Promise<Map<string, Bundle & { file: string }>> {
  const bundles = new Map<string, Bundle & { file: string }>();
  console.log('\n## Bundle size (minified, as JobQueue bundles it; @aws-sdk/* external)\n');
  console.log('| worker | total | zod | runtime | job definition | worker code | Powertools | other | ≤ 30 KB |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [name, entry] of Object.entries(WORKERS)) {
    const bundle = await bundleWorker(join(ROOT, entry));
    const dir = join(OUT, name.replace(/[^a-z0-9-]+/gi, '_'));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'index.mjs');
    writeFileSync(file, bundle.code);
    bundles.set(name, { ...bundle, file });
    const b = bundle.bytesBy;
    const cells = ['zod', 'runtime', 'job definition', 'worker', 'powertools', 'other'].map((g) => (b[g] ? kb(b[g]!) : '–'));
    console.log(`| ${name} | ${kb(bundle.bytes)} | ${cells.join(' | ')} | ${bundle.bytes <= SIZE_TARGET_BYTES ? 'yes' : 'no'} |`);
  }
  return bundles;
}

/**
 * Milliseconds to import the bundle in a fresh Node process: what a cold start pays for the module.
 * An empty module is imported first, so the ESM loader's own start-up (the same for any handler, and
 * 20–40 ms on a busy machine) is not counted against either side.
 */
function initMs(file: string): number {
  const empty = join(OUT, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  const script = `await import(${JSON.stringify(pathToFileURL(empty).href)});const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

function initTimes(bundles: Map<string, Bundle & { file: string }>): void {
  const ours = bundles.get('photo-resize')!.file;
  const naive = bundles.get('baseline: naive photo-resize (Powertools batch + parser, classic zod)')!.file;
  const a: number[] = [];
  const b: number[] = [];
  initMs(ours);
  initMs(naive); // warm the OS file cache for both
  for (let i = 0; i < INIT_RUNS; i++) {
    a.push(initMs(ours));
    b.push(initMs(naive));
  }
  const ratio = median(a) / median(b);
  console.log(`\n## Module init (median of ${INIT_RUNS} fresh processes each, interleaved)\n`);
  console.log('| worker | init | ratio to baseline | target ≤ 0.33 |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| photo-resize (this runtime) | ${median(a).toFixed(2)} ms | ${ratio.toFixed(2)} | ${ratio <= 1 / 3 ? 'yes' : 'no'} |`);
  console.log(`| baseline: Powertools batch + parser, classic zod | ${median(b).toFixed(2)} ms | 1.00 | |`);
}

console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
const bundles = await sizes();
initTimes(bundles);
await perBatch(OUT);
