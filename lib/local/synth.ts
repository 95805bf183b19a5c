/** Synthesizes the app with the project's CDK CLI (offline, no AWS credentials needed). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LocalRuntimeError } from './errors.js';

/** Runs `cdk synth` in `projectDir` into `outdir`; a failure is a `JOBQ_LOCAL_SYNTH_FAILED` error carrying the CLI's output. */
export function synthesize(projectDir: string, outdir: string): void {
  const cdk = join(projectDir, 'node_modules', 'aws-cdk', 'bin', 'cdk');
  if (!existsSync(cdk)) {
    throw new LocalRuntimeError('JOBQ_LOCAL_SYNTH_FAILED', 'the CDK CLI is not installed (node_modules/aws-cdk is missing); run `npm ci` first.');
  }
  const synth = spawnSync(process.execPath, [cdk, 'synth', '--quiet', '--no-notices', '--output', outdir], {
    cwd: projectDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true' },
  });
  if (synth.status !== 0) {
    throw new LocalRuntimeError(
      'JOBQ_LOCAL_SYNTH_FAILED',
      `cdk synth failed (exit ${synth.status ?? synth.signal}):\n${(synth.stderr ?? '').trim()}\nFix the errors above and run \`npm start\` again.`,
    );
  }
}
