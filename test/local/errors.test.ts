import { Duration } from 'aws-cdk-lib';
import { readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { startEmulator } from '../../lib/local/emulator.js';
import { startLocalRuntime } from '../../lib/local/runtime.js';
import { synthesize } from '../../lib/local/synth.js';
import { scratchDir } from '../helpers/app.js';
import { synthFixtureApp } from '../helpers/local.js';

const error = (code: string, message: RegExp) => expect.objectContaining({ code, message: expect.stringMatching(message) });

describe('local runtime errors', () => {
  test('a folder without a synthesized app is JOBQ_LOCAL_NO_ASSEMBLY', async () => {
    await expect(startLocalRuntime({ outdir: scratchDir('empty-') })).rejects.toEqual(
      error('JOBQ_LOCAL_NO_ASSEMBLY', /no synthesized app in .+ \(manifest\.json is missing\); run `npx cdk synth`/),
    );
  });

  test('an app whose synth fails is JOBQ_LOCAL_SYNTH_FAILED with the CLI output', () => {
    const project = scratchDir('broken-app-');
    symlinkSync(fileURLToPath(new URL('../../node_modules', import.meta.url)), join(project, 'node_modules'));
    writeFileSync(join(project, 'cdk.json'), JSON.stringify({ app: `node -e "throw new Error('the app is broken')"` }));
    expect(() => synthesize(project, join(project, 'cdk.out'))).toThrow(error('JOBQ_LOCAL_SYNTH_FAILED', /cdk synth failed \(exit \d+\):[\s\S]*the app is broken[\s\S]*run `npm start` again/));
  });

  test('a job type that is not in the app is JOBQ_LOCAL_UNKNOWN_JOB_TYPE naming the ones that are', async () => {
    const outdir = synthFixtureApp('Unknown', [{ jobType: 'thumbnail', workerTimeout: Duration.seconds(5) }]);
    await expect(startLocalRuntime({ outdir, jobTypes: ['thumbnail', 'nope'] })).rejects.toEqual(
      error('JOBQ_LOCAL_UNKNOWN_JOB_TYPE', /unknown job type 'nope'; the app has 'thumbnail'/),
    );
  });

  test('a worker asset that cannot load is JOBQ_LOCAL_WORKER_LOAD_FAILED naming the job type and the cause', async () => {
    const outdir = synthFixtureApp('Broken', [{ jobType: 'thumbnail', workerTimeout: Duration.seconds(5) }]);
    const asset = readdirSync(outdir).find((f) => f.startsWith('asset.'))!;
    writeFileSync(join(outdir, asset, 'index.mjs'), "throw new Error('cannot find the image library');\n");
    await expect(startLocalRuntime({ outdir })).rejects.toEqual(
      error('JOBQ_LOCAL_WORKER_LOAD_FAILED', /the 'thumbnail' worker \(handler index\.handler in .+\) cannot load: Error: cannot find the image library/),
    );
  });

  test('a worker asset without the handler export is JOBQ_LOCAL_WORKER_LOAD_FAILED', async () => {
    const outdir = synthFixtureApp('NoExport', [{ jobType: 'thumbnail', workerTimeout: Duration.seconds(5) }]);
    const asset = readdirSync(outdir).find((f) => f.startsWith('asset.'))!;
    writeFileSync(join(outdir, asset, 'index.mjs'), 'export const other = () => undefined;\n');
    await expect(startLocalRuntime({ outdir })).rejects.toEqual(error('JOBQ_LOCAL_WORKER_LOAD_FAILED', /index\.mjs has no exported function 'handler'/));
  });

  test('an assembly copied without its asset folders is JOBQ_LOCAL_WORKER_LOAD_FAILED', async () => {
    const outdir = synthFixtureApp('NoAsset', [{ jobType: 'thumbnail', workerTimeout: Duration.seconds(5) }]);
    for (const f of readdirSync(outdir).filter((f) => f.startsWith('asset.'))) rmSync(join(outdir, f), { recursive: true });
    await expect(startLocalRuntime({ outdir })).rejects.toEqual(error('JOBQ_LOCAL_WORKER_LOAD_FAILED', /the 'thumbnail' worker has no bundled asset in the assembly/));
  });

  test('a port in use is JOBQ_LOCAL_PORT_IN_USE naming the port', async () => {
    const first = await startEmulator();
    try {
      await expect(startEmulator(first.port)).rejects.toEqual(error('JOBQ_LOCAL_PORT_IN_USE', new RegExp(`port ${first.port} on 127\\.0\\.0\\.1 is already in use`)));
    } finally {
      await first.close();
    }
  });
});
