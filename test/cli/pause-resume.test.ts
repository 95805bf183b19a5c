/** pause/resume flip the worker's event source mapping (AWS only): the exact Lambda command inputs. */
import { describe, expect, test } from 'vitest';
import { jobq } from '../helpers/cli.js';
import { queueArn, recordedClients, stackOutputs } from '../helpers/recorded-clients.js';

const STACK = 'Shop';

function aws(mappings: { UUID: string; FunctionArn: string }[]) {
  return recordedClients((call) => {
    if (call.command === 'DescribeStacksCommand') return stackOutputs(STACK, [{ jobType: 'photo-resize' }]);
    if (call.command === 'ListEventSourceMappingsCommand') return { EventSourceMappings: mappings };
    if (call.command === 'UpdateEventSourceMappingCommand') return { UUID: call.input.UUID, State: call.input.Enabled ? 'Enabling' : 'Disabling' };
    throw new Error(`unexpected ${call.command}`);
  });
}

const lambdaCalls = (calls: { service: string; command: string; input: unknown }[]) =>
  calls.filter((c) => c.service === 'lambda').map((c) => ({ command: c.command, input: c.input }));

describe.each([
  ['pause', false, /^Paused the worker of 'photo-resize' \(1 mapping\(s\) disabling\); jobs wait on the queue until `jobq resume photo-resize`\./],
  ['resume', true, /^Resumed the worker of 'photo-resize' \(1 mapping\(s\) enabling\); it drains the queue again\./],
] as const)('jobq %s', (verb, enabled, message) => {
  test(`finds the mapping by the queue ARN and sets Enabled to ${enabled}`, async () => {
    const { clients, calls } = aws([{ UUID: 'uuid-1', FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:Shop-photo-resize-worker' }]);
    const run = await jobq([verb, 'photo-resize', '--stack', STACK], { clients });
    expect(run.exitCode).toBe(0);
    expect(lambdaCalls(calls)).toEqual([
      { command: 'ListEventSourceMappingsCommand', input: { EventSourceArn: queueArn(STACK, 'photo-resize'), Marker: undefined } },
      { command: 'UpdateEventSourceMappingCommand', input: { UUID: 'uuid-1', Enabled: enabled } },
    ]);
    expect(run.stdout).toMatch(message);
  });

  test('says MAPPING_NOT_FOUND with exit code 3 when no mapping reads the queue', async () => {
    const { clients, calls } = aws([]);
    const run = await jobq([verb, 'photo-resize', '--stack', STACK], { clients });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/^jobq: MAPPING_NOT_FOUND: No event source mapping reads the queue of 'photo-resize' \(arn:aws:sqs:eu-west-1:123456789012:Shop-photo-resize\)/);
    expect(calls.some((c) => c.command === 'UpdateEventSourceMappingCommand')).toBe(false);
  });

  test('refuses a local endpoint, which has no Lambda API, with exit code 6', async () => {
    const run = await jobq([verb, 'photo-resize', '--endpoint', 'http://127.0.0.1:1']);
    expect(run.exitCode).toBe(6);
    expect(run.stderr).toMatch(new RegExp(`^jobq: NOT_SUPPORTED_LOCALLY: \`jobq ${verb}\` flips the worker's Lambda event source mapping`));
  });
});
