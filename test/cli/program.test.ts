import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SEED_STACK_NAME } from '../../lib/app/seed-app.js';
import { DEFAULT_STACK_NAME } from '../../lib/cli/defaults.js';
import { jobq } from '../helpers/cli.js';
import { createJobQueues, startEmulator, uniqueStack, type Emulator } from '../helpers/emulator.js';
import { recordedClients, stackOutputs } from '../helpers/recorded-clients.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.close());

describe('jobq command line', () => {
  test('looks for the seed app\'s stack by default', async () => {
    expect(DEFAULT_STACK_NAME).toBe(SEED_STACK_NAME);
    const { clients, calls } = recordedClients((c) => {
      if (c.command === 'DescribeStacksCommand') return stackOutputs(SEED_STACK_NAME, [{ jobType: 'email-sending' }]);
      return { Attributes: {}, MetricDataResults: [] };
    });
    expect((await jobq(['list'], { clients })).exitCode).toBe(0);
    expect(calls[0]?.input).toEqual({ StackName: 'CdkJobQueues' });
  });

  test.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['send'], /missing required argument 'jobType'/],
    [['redrive', 'x', '--rate', 'fast'], /'fast' is not a whole number of at least 1/],
  ])('rejects %j as a usage error with exit code 2', async (argv, message) => {
    const run = await jobq(argv);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  test('--help prints the verbs and exits 0', async () => {
    const run = await jobq(['--help']);
    expect(run.exitCode).toBe(0);
    for (const verb of ['list', 'send', 'failed', 'redrive', 'purge', 'pause', 'resume']) expect(run.stdout).toMatch(new RegExp(`^  ${verb} `, 'm'));
  });

  test('draws a progress bar on the terminal while a copying redrive runs', async () => {
    const stack = uniqueStack();
    const { deadLetterQueueUrl } = await createJobQueues(emu.sqs, stack, 'photo-resize');
    for (let i = 0; i < 15; i++) await emu.sqs.send(new SendMessageCommand({ QueueUrl: deadLetterQueueUrl, MessageBody: '{}' }));
    const run = await jobq(['redrive', 'photo-resize', '--endpoint', emu.endpoint, '--stack', stack], { answers: [] });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain(`\rRedriving 'photo-resize' [${'-'.repeat(30)}] 0/15`);
    expect(run.stderr).toContain(`\rRedriving 'photo-resize' [${'#'.repeat(30)}] 15/15\n`);
  });
});
