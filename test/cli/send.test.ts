import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jobq } from '../helpers/cli.js';
import { scratchDir } from '../helpers/app.js';
import { createJobQueues, queueCounts, startEmulator, uniqueStack, type Emulator } from '../helpers/emulator.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.close());

const email = { to: 'ada@example.com', subject: 'Hi', template: 'Hello {{name}}', variables: { name: 'Ada' } };

async function receiveAll(queueUrl: string) {
  const r = await emu.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
  return r.Messages ?? [];
}

describe('jobq send', () => {
  test.each([
    ['an argument', (stack: string) => jobq(['send', 'email-sending', JSON.stringify(email), '--endpoint', emu.endpoint, '--stack', stack])],
    [
      '--file',
      (stack: string) => {
        const file = join(scratchDir('payload-'), 'email.json');
        writeFileSync(file, JSON.stringify(email));
        return jobq(['send', 'email-sending', '--file', file, '--endpoint', emu.endpoint, '--stack', stack]);
      },
    ],
    ['standard input', (stack: string) => jobq(['send', 'email-sending', '--endpoint', emu.endpoint, '--stack', stack], { stdin: JSON.stringify(email) })],
  ])('sends a payload from %s in the wire format: JSON body and a jobType attribute', async (_from, run) => {
    const stack = uniqueStack();
    const { queueUrl } = await createJobQueues(emu.sqs, stack, 'email-sending');
    const result = await run(stack);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Sent a 'email-sending' job: message id [0-9a-f-]+/);
    const [message, ...rest] = await receiveAll(queueUrl);
    expect(rest).toEqual([]);
    expect(JSON.parse(message?.Body ?? '')).toEqual(email);
    expect(message?.MessageAttributes?.jobType).toMatchObject({ DataType: 'String', StringValue: 'email-sending' });
  });

  test('refuses a payload that breaks the schema, names the fields and sends nothing', async () => {
    const stack = uniqueStack();
    const { queueUrl } = await createJobQueues(emu.sqs, stack, 'email-sending');
    const run = await jobq(['send', 'email-sending', '{"to":"not-an-email","subject":""}', '--endpoint', emu.endpoint, '--stack', stack]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^jobq: INVALID_PAYLOAD: The payload does not match the 'email-sending' schema; nothing was sent:\n- to: .*\n- subject: /);
    expect(await queueCounts(emu.sqs, queueUrl)).toEqual({ visible: 0, inFlight: 0 });
  });

  test.each([
    [['send', 'email-sending', '{not json'], 'INVALID_JSON', /The payload for 'email-sending' is not valid JSON/],
    [['send', 'email-sending'], 'NO_PAYLOAD', /No payload: pass it as an argument/],
    [['send', 'invoice-sync', '{}'], 'UNKNOWN_SCHEMA', /Job type 'invoice-sync' has no schema in this project's registry .*pass --no-validate/],
  ])('rejects %j with %s and exit code 2', async (argv, code, message) => {
    const run = await jobq([...argv, '--endpoint', emu.endpoint, '--stack', uniqueStack()]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`jobq: ${code}: `);
    expect(run.stderr).toMatch(message);
  });

  test('names the job types there are when the job type is not deployed', async () => {
    const stack = uniqueStack();
    await createJobQueues(emu.sqs, stack, 'photo-resize');
    const run = await jobq(['send', 'email-sending', JSON.stringify(email), '--endpoint', emu.endpoint, '--stack', stack]);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/JOB_TYPE_NOT_FOUND: Job type 'email-sending' was not found on http:\/\/127\.0\.0\.1:\d+ .*job types there: photo-resize\. Run `jobq list`/);
  });

  test('needs --group-id for a FIFO job type, and sends with it', async () => {
    const stack = uniqueStack();
    const { queueUrl } = await createJobQueues(emu.sqs, stack, 'invoice-sync', { fifo: true });
    const base = ['send', 'invoice-sync', '{"invoiceId":"i-1"}', '--no-validate', '--endpoint', emu.endpoint, '--stack', stack];
    const missing = await jobq(base);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/MISSING_GROUP_ID: Job type 'invoice-sync' is FIFO: pass --group-id <id>/);
    expect(await queueCounts(emu.sqs, queueUrl)).toEqual({ visible: 0, inFlight: 0 });

    expect((await jobq([...base, '--group-id', 'customer-7'])).exitCode).toBe(0);
    const [message] = await receiveAll(queueUrl);
    expect(message?.Attributes?.MessageGroupId).toBe('customer-7');
    expect(message?.Body).toBe('{"invoiceId":"i-1"}');
  });
});
