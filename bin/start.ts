#!/usr/bin/env node
/**
 * `npm start`: synthesizes the seed's app (offline), runs exactly what was synthesized on an embedded
 * SQS emulator, has the seed's producers send a mix of jobs, shows progress and ends with a report.
 * Options: `npm start -- --help`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatSummary } from '../lib/assembly/summary.js';
import { demoTimeScale, seedDemoJobs } from '../lib/local/demo/seed-jobs.js';
import { runDemo, type ProgressRow } from '../lib/local/demo/run-demo.js';
import { LocalRuntimeError } from '../lib/local/errors.js';
import { formatProgress, formatReport, formatRuntimeSettings } from '../lib/local/output.js';
import { readAssembly, selectJobTypes, startLocalRuntime } from '../lib/local/runtime.js';
import { synthesize } from '../lib/local/synth.js';
import { checkTimeScale } from '../lib/local/time-scale.js';
import { JobTracker } from '../lib/local/tracker.js';

/** The slowest failing demo job reaches its DLQ in about this long, so the whole run ends in about a minute. */
const DEMO_TARGET_SECONDS = 20;
/** Stop waiting for jobs after this long (real time); something is wrong by then. */
const DEMO_TIMEOUT_MS = 5 * 60_000;
/** Print progress at least this often even when nothing changed. */
const PROGRESS_HEARTBEAT_MS = 5_000;

const USAGE = `Usage: npm start -- [options]
  --job-types a,b     run only these job types (default: all)
  --time-scale N      divide every duration by N (default: picked so the demo ends in about a minute; 1 = real time)
  --keep-running      after the report, keep the emulator and workers running and print the endpoint
  --port N            emulator port on 127.0.0.1 (default: any free port)
  --skip-synth        use the existing cdk.out instead of synthesizing first`;

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = resolve(root, 'cdk.out');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'job-types': { type: 'string' },
      'time-scale': { type: 'string' },
      'keep-running': { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
      'skip-synth': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new LocalRuntimeError('JOBQ_LOCAL_BAD_OPTION', `--port (${values.port}) must be an integer from 0 to 65535 (0 picks a free port).`);
  }
  const jobTypes = values['job-types']?.split(',').map((s) => s.trim()).filter(Boolean);

  if (!values['skip-synth']) {
    console.log('Synthesizing the app into cdk.out/ (offline, no AWS credentials needed)…');
    synthesize(root, outdir);
  }
  const topology = selectJobTypes(readAssembly(outdir), jobTypes);
  console.log(`\n${topology.length} job type(s) synthesized:\n\n${formatSummary(topology)}\n`);

  const jobs = seedDemoJobs();
  const timeScale = values['time-scale'] === undefined ? demoTimeScale(jobs, topology, DEMO_TARGET_SECONDS) : checkTimeScale(Number(values['time-scale']));
  const tracker = new JobTracker();
  const runtime = await startLocalRuntime({ outdir, timeScale, jobTypes, port, observer: tracker, workerLog: (line) => tracker.workerLog(line) });
  let keep = false;
  try {
    console.log(formatRuntimeSettings(runtime));
    console.log('\nThe producers UploadService, AdminDashboard and BatchImport send their jobs (one always fails, one is poison, one goes to the wrong queue):\n');
    let last = '';
    let lastAt = 0;
    const onProgress = (rows: readonly ProgressRow[], elapsed: number) => {
      // A line when something changed, and a heartbeat while jobs wait out their visibility timeouts.
      const counts = JSON.stringify(rows);
      if (counts === last && elapsed - lastAt < PROGRESS_HEARTBEAT_MS) return;
      [last, lastAt] = [counts, elapsed];
      console.log(formatProgress(rows, elapsed));
    };
    const result = await runDemo({ runtime, tracker, jobs, timeoutMs: DEMO_TIMEOUT_MS, onProgress, progressIntervalMs: 500 });
    console.log(`\n${formatReport(result, tracker)}`);
    if (!result.finished) process.exitCode = 1;
    keep = values['keep-running'];
    if (keep) {
      console.log(`\nThe emulator keeps running on ${runtime.endpoint} (workers too). Point any SQS client at it:`);
      console.log(`  export AWS_ENDPOINT_URL_SQS=${runtime.endpoint} AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local`);
      for (const local of runtime.jobTypes.values()) console.log(`  ${local.topology.jobType}: queue ${local.queues.queueUrl}  DLQ ${local.queues.deadLetterQueueUrl}`);
      console.log('In code, pass the endpoint to the client (`new SQSClient({ endpoint })`): otherwise the SDK sends to the queue URL\'s host, and *.localhost resolves only where the system resolver supports it.');
      console.log('Press Ctrl-C to stop.');
      await new Promise<void>((done) => process.once('SIGINT', () => done()));
    }
  } finally {
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof LocalRuntimeError) {
    console.error(`\nerror ${error.code}: ${error.message}`);
    process.exit(error.code === 'JOBQ_LOCAL_BAD_OPTION' ? 2 : 1);
  }
  if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  throw error;
});
