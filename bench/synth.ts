/**
 * `npm run bench:synth [-- --quick] [-- --runs 3] [-- --n 3,25,100]`: synthesizes the same topology
 * (N job types, each with its own generated worker file, 30 to a stack) with this library, hand-written
 * aws-cdk-lib (one NodejsFunction per job type), the same with one shared worker file (the bundling
 * floor) and AWS Solutions Constructs aws-sqs-lambda; built-in template validation on and off.
 *
 * Every run is a fresh `node` process under `/usr/bin/time` (wall, CPU, peak RSS of the largest process),
 * plus the CPU of live helper processes it reports itself (esbuild's service, which Node never waits
 * for) and the peak of the whole process tree's summed RSS, sampled every 50 ms. Variants run
 * interleaved, in a rotating order, so they share the machine's load; ratios are paired per round and
 * their median reported. Writes `.tmp/bench-synth.json` and `.tmp/bench-synth.md`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRATCH = join(ROOT, '.tmp');
const WORKERS = join(SCRATCH, 'bench-workers');
const VARIANTS = ['library', 'cdk', 'cdk-shared', 'solutions'] as const;
type Variant = (typeof VARIANTS)[number];
const VALIDATION = ['on', 'off'] as const;
type Validation = (typeof VALIDATION)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(option('--runs') ?? (quick ? 1 : 3));
const sizes = (option('--n') ?? (quick ? '3,25' : '3,25,100')).split(',').map(Number);

interface Run {
  readonly variant: Variant;
  readonly n: number;
  readonly validation: Validation;
  readonly round: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly resources: number;
  readonly outputs: number;
  readonly stacks: number;
}

/** One worker file per job type, each with its own schema on the worker runtime, plus one shared file. */
function generateWorkers(count: number): void {
  rmSync(WORKERS, { recursive: true, force: true });
  mkdirSync(WORKERS, { recursive: true });
  const source = (name: string, factor: number) =>
    [
      `import * as z from 'zod/mini';`,
      `import { defineJob } from '../../lib/jobs/define-job.js';`,
      `import { defineWorker } from '../../lambda/runtime/index.js';`,
      `const job = defineJob({ name: '${name}', description: 'benchmark job', schema: z.object({ id: z.string(), amount: z.number() }) });`,
      `export const handler = defineWorker(job, (payload) => ({ id: payload.id, amount: payload.amount * ${factor} }));`,
      '',
    ].join('\n');
  for (let i = 0; i < count; i++) {
    const name = `bench-job-${String(i).padStart(3, '0')}`;
    writeFileSync(join(WORKERS, `${name}.ts`), source(name, i + 1));
  }
  writeFileSync(join(WORKERS, 'shared-worker.ts'), source('shared-worker', 1));
}

/** Summed resident memory (KB) of a process and all its descendants right now. */
function treeRssKb(rootPid: number): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) if (!tree.has(pid) && tree.has(ppid)) (tree.add(pid), (grew = true));
  }
  let total = 0;
  for (const pid of tree) {
    try {
      total += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/** Runs a command; resolves with its stdout, stderr, exit code and the peak of its process tree's summed RSS. */
function run(command: string, argv: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; code: number | null; treePeakKb: number }> {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    let treePeakKb = 0;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Sampled every 50 ms: catches node and the esbuild processes it runs while they are alive together.
    const sampler = setInterval(() => (treePeakKb = Math.max(treePeakKb, treeRssKb(child.pid!))), 50);
    child.on('close', (code) => {
      clearInterval(sampler);
      resolve({ stdout, stderr, code, treePeakKb });
    });
  });
}

async function runOnce(variant: Variant, n: number, validation: Validation, round: number): Promise<Run> {
  const outdir = join(SCRATCH, `bench-out-${variant}-${n}-${validation}`);
  const timeFile = join(SCRATCH, 'bench-time.txt');
  rmSync(outdir, { recursive: true, force: true });
  const child = await run(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, '--import', 'tsx', 'bench/synth-app.ts', variant, WORKERS, String(n), outdir],
    { ...process.env, TMPDIR: SCRATCH, CDK_VALIDATION: validation === 'on' ? 'true' : 'false' },
  );
  rmSync(outdir, { recursive: true, force: true });
  if (child.code !== 0) throw new Error(`${variant} N=${n} validation ${validation} failed:\n${child.stderr.slice(-3000)}`);
  const [wall, user, system, maxRssKb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number, number];
  const report = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
    stacks: { resources: number; outputs: number }[];
    liveChildrenCpuSeconds: number;
  };
  return {
    variant,
    n,
    validation,
    round,
    wallSeconds: wall,
    cpuSeconds: user + system + report.liveChildrenCpuSeconds,
    // The largest single process (time's %M) or the largest sampled sum over the process tree.
    peakRssMb: Math.max(maxRssKb, child.treePeakKb) / 1024,
    resources: report.stacks.reduce((sum, s) => sum + s.resources, 0),
    outputs: report.stacks.reduce((sum, s) => sum + s.outputs, 0),
    stacks: report.stacks.length,
  };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const pick = (variant: Variant, n: number, validation: Validation) => results.filter((r) => r.variant === variant && r.n === n && r.validation === validation);
const pairedRatio = (a: Variant, b: Variant, n: number, validation: Validation, metric: 'wallSeconds' | 'cpuSeconds' | 'peakRssMb') => {
  const left = pick(a, n, validation);
  const right = pick(b, n, validation);
  return median(left.map((run) => run[metric] / right.find((r) => r.round === run.round)![metric]));
};

function report(roundsDone: number): void {
  const lines: string[] = [];
  lines.push(`Rounds done: ${roundsDone} of ${runs} (median shown). Total benchmark time: ${((Date.now() - started) / 60000).toFixed(1)} min.`, '');
  lines.push('| N | validation | variant | stacks | resources | outputs | wall s | CPU s | peak MB | wall vs cdk | wall vs cdk-shared | wall vs solutions | peak vs cdk |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const n of sizes) {
    for (const validation of VALIDATION) {
      for (const variant of VARIANTS) {
        const cell = pick(variant, n, validation);
        const ratio = (other: Variant) => (variant === 'library' ? `${pairedRatio('library', other, n, validation, 'wallSeconds').toFixed(2)}×` : '');
        lines.push(
          `| ${n} | ${validation} | ${variant} | ${cell[0]!.stacks} | ${cell[0]!.resources} | ${cell[0]!.outputs} | ${median(cell.map((r) => r.wallSeconds)).toFixed(1)} | ${median(cell.map((r) => r.cpuSeconds)).toFixed(1)} | ${median(cell.map((r) => r.peakRssMb)).toFixed(0)} | ${ratio('cdk')} | ${ratio('cdk-shared')} | ${ratio('solutions')} | ${variant === 'library' ? `${pairedRatio('library', 'cdk', n, validation, 'peakRssMb').toFixed(2)}×` : ''} |`,
        );
      }
    }
  }
  if (sizes.length >= 2) {
    const [low, high] = [sizes[sizes.length - 2]!, sizes[sizes.length - 1]!];
    lines.push('', `Per-job-type increment (median wall and CPU at N=${high} minus N=${low}, divided by ${high - low}):`, '');
    lines.push('| validation | variant | wall ms / job type | CPU ms / job type |', '| --- | --- | --- | --- |');
    for (const validation of VALIDATION) {
      for (const variant of VARIANTS) {
        const slope = (metric: 'wallSeconds' | 'cpuSeconds') =>
          ((median(pick(variant, high, validation).map((r) => r[metric])) - median(pick(variant, low, validation).map((r) => r[metric]))) / (high - low)) * 1000;
        lines.push(`| ${validation} | ${variant} | ${slope('wallSeconds').toFixed(0)} | ${slope('cpuSeconds').toFixed(0)} |`);
      }
    }
  }
  const table = lines.join('\n');
  writeFileSync(join(SCRATCH, 'bench-synth.json'), JSON.stringify(results, null, 2));
  writeFileSync(join(SCRATCH, 'bench-synth.md'), `${table}\n`);
  console.log(table);
}

const results: Run[] = [];
generateWorkers(Math.max(...sizes));
const started = Date.now();
for (let round = 0; round < runs; round++) {
  for (const n of sizes) {
    for (const validation of VALIDATION) {
      // Rotate the order each round so no variant always runs first (warm disk cache) or last.
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]!);
      for (const variant of order) {
        const run = await runOnce(variant, n, validation, round);
        results.push(run);
        console.error(
          `round ${round + 1}/${runs} N=${n} validation ${validation} ${variant}: ${run.wallSeconds.toFixed(1)} s wall, ${run.cpuSeconds.toFixed(1)} s CPU, ${run.peakRssMb.toFixed(0)} MB`,
        );
      }
    }
  }
  // Written after every round, so an interrupted benchmark still leaves its figures.
  report(round + 1);
}
