/** The worker asset synth produces, run as Lambda would run it: imported from the assembly and invoked. */
import { Duration, Stack } from 'aws-cdk-lib';
import { interceptLocalhostDns } from 'fauxqs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JobQueue } from '../../lib/index.js';
import { FAILURE_ATTRIBUTE, type FailureContext } from '../../lib/jobs/index.js';
import type { WorkerHandler } from '../../lambda/runtime/index.js';
import { createQueue, receiveAll, startEmulator, type Emulator } from '../helpers/emulator.js';
import { lambdaContext, sqsEvent, sqsRecord } from '../helpers/records.js';
import { testApp } from '../helpers/app.js';
import { invoiceRender } from '../fixtures/user-worker.js';

const USER_WORKER = fileURLToPath(new URL('../fixtures/user-worker.ts', import.meta.url));

let emulator: Emulator;
let handler: WorkerHandler;
let dlqUrl: string;
let restoreDns: () => void;

beforeAll(async () => {
  emulator = await startEmulator();
  // The SDK sends to the host in the queue URL (sqs.us-east-1.localhost): resolve it to the emulator.
  restoreDns = interceptLocalhostDns();
  // As the CDK CLI does: record each asset's folder in the template's metadata.
  const app = testApp({ 'aws:cdk:enable-asset-metadata': true });
  const stack = new Stack(app, 'Billing');
  new JobQueue(stack, 'Invoices', { job: invoiceRender, workerEntry: USER_WORKER, workerTimeout: Duration.seconds(30) });
  const assembly = app.synth();
  const template = assembly.getStackByName('Billing').template as { Resources: Record<string, { Type: string; Metadata?: Record<string, unknown> }> };
  const workers = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
  expect(workers).toHaveLength(1);
  const assetPath = workers[0]!.Metadata!['aws:asset:path'] as string;

  // The bundled worker builds its own SDK client from the environment, as on Lambda.
  dlqUrl = await createQueue(emulator.sqs, 'invoice-render-dlq');
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    JOBQ_JOB_TYPE: 'invoice-render',
    JOBQ_DLQ_URL: dlqUrl,
  });
  const module = (await import(pathToFileURL(join(assembly.directory, assetPath, 'index.mjs')).href)) as { handler: WorkerHandler };
  handler = module.handler;
});
afterAll(async () => {
  restoreDns();
  await emulator.close();
});

describe('the bundled worker asset', () => {
  test('answers one outcome per record and dead-letters what retrying cannot fix', async () => {
    const records = [
      sqsRecord({ messageId: 'm-1', payload: { invoiceId: 'inv-1', cents: 2_500_000 }, attributes: { jobType: 'invoice-render' } }),
      sqsRecord({ messageId: 'm-2', payload: { invoiceId: 'flaky-2', cents: 1 } }),
      sqsRecord({ messageId: 'm-3', body: '{"invoiceId":', attributes: { jobType: 'invoice-render' } }),
      sqsRecord({ messageId: 'm-4', payload: { key: 'img-1' }, attributes: { jobType: 'photo-resize' } }),
      sqsRecord({ messageId: 'm-5', payload: { invoiceId: 'void-5', cents: 1 } }),
    ];
    expect(await handler(sqsEvent(records), lambdaContext())).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    const dead = await receiveAll(emulator.sqs, dlqUrl);
    const contexts = dead.map((m) => JSON.parse(m.MessageAttributes![FAILURE_ATTRIBUTE]!.StringValue!) as FailureContext);
    expect(contexts.map((c) => [c.originalMessageId, c.reason]).sort()).toStrictEqual([
      ['m-3', 'invalid-json'],
      ['m-4', 'job-type-mismatch'],
      ['m-5', 'permanent-failure'],
    ]);
  });

  test('throws for a batch it cannot take apart, so Lambda retries all of it', async () => {
    await expect(handler({ Records: 'not-a-list' } as never, lambdaContext())).rejects.toThrow(/got an event without a Records array/);
  });
});
