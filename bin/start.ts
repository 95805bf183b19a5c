#!/usr/bin/env node
/**
 * `npm start`: synthesizes the seed's app with the CDK CLI (offline, no AWS credentials needed) into
 * cdk.out, then prints what was synthesized, per job type.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatSummary } from '../lib/assembly/summary.js';
import { readTopology } from '../lib/assembly/topology.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = 'cdk.out';
const cdk = fileURLToPath(new URL('../node_modules/aws-cdk/bin/cdk', import.meta.url));

if (!existsSync(cdk)) {
  console.error('The CDK CLI is not installed: run `npm ci` first.');
  process.exit(1);
}

console.log(`Synthesizing the app into ${outdir}/ (offline, no AWS credentials needed)…`);
const synth = spawnSync(process.execPath, [cdk, 'synth', '--quiet', '--no-notices', '--output', outdir], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
  env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true' },
});
if (synth.status !== 0) {
  console.error(synth.stderr);
  console.error(`cdk synth failed (exit ${synth.status}); fix the errors above and run \`npm start\` again.`);
  process.exit(synth.status ?? 1);
}

const topology = readTopology(fileURLToPath(new URL(`../${outdir}`, import.meta.url)));
console.log(`\n${topology.length} job types synthesized; CloudFormation template in ${outdir}/:\n`);
console.log(formatSummary(topology));
console.log('\nDeploy with `npx cdk deploy` (needs AWS credentials and a bootstrapped account).');
