import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { Duration } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../lib/local/runtime.js';
import { createResultsQueue, readResults, synthFixtureApp, type FixtureResult } from '../helpers/local.js';

const GROUPS = ['a', 'b', 'c'] as const;
const PER_GROUP = 5;

describe('FIFO job types', () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    const outdir = synthFixtureApp('Fifo', [
      { jobType: 'ledger-post', fifo: true, workerTimeout: Duration.seconds(1), visibilityTimeout: Duration.seconds(2), batchSize: 1, maxConcurrency: 5 },
    ]);
    runtime = await startLocalRuntime({ outdir });
  });
  afterAll(() => runtime?.stop());

  test('order within a message group holds while other groups keep flowing past a blocked one', async () => {
    const client = runtime.client();
    const resultsUrl = await createResultsQueue(client);
    const { queueUrl } = runtime.jobTypes.get('ledger-post')!.queues;
    for (let i = 0; i < PER_GROUP; i++) {
      for (const group of GROUPS) {
        // a-1 fails twice: group a is blocked for two visibility timeouts.
        const body = group === 'a' && i === 1 ? { id: `${group}-${i}`, failUntilReceive: 3 } : { id: `${group}-${i}` };
        await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body), MessageGroupId: group }));
      }
    }
    const results = await readResults(client, resultsUrl, (r) => r.filter((x) => x.outcome === 'done').length >= GROUPS.length * PER_GROUP, 30_000);
    const done = results.filter((r) => r.outcome === 'done').sort((x, y) => x.started - y.started);
    const ofGroup = (g: string) => done.filter((r) => r.group === g).map((r) => r.id);

    for (const g of GROUPS) expect(ofGroup(g)).toEqual(Array.from({ length: PER_GROUP }, (_, i) => `${g}-${i}`));
    expect(results.filter((r) => r.outcome === 'failed').map((r) => [r.id, r.receiveCount])).toEqual([['a-1', 1], ['a-1', 2]]);
    // Groups b and c finished while a-1 was still waiting for its third receive.
    const a1 = done.find((r) => r.id === 'a-1') as FixtureResult;
    for (const g of ['b', 'c']) expect(Math.max(...done.filter((r) => r.group === g).map((r) => r.ended))).toBeLessThan(a1.started);
  });
});
