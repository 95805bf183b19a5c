import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { readTopology, type JobTopology } from '../../lib/assembly/topology.js';
import { buildSeedApp } from '../../lib/app/seed-app.js';
import { scratchDir } from '../helpers/app.js';
import { lambdaContext, sqsEvent, sqsRecord } from '../helpers/records.js';

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

let topology: JobTopology[];

beforeAll(() => {
  const outdir = scratchDir('bundled-');
  buildSeedApp({ outdir }).app.synth();
  topology = readTopology(outdir);
});

afterEach(() => vi.restoreAllMocks());

async function bundledHandler(jobType: string): Promise<Handler> {
  const job = topology.find((t) => t.jobType === jobType)!;
  const entry = join(job.worker.assetPath!, 'index.mjs');
  const module = (await import(pathToFileURL(entry).href)) as { handler: Handler };
  return module.handler;
}

describe('the bundled worker assets', () => {
  test.each(['video-transcoding', 'photo-resize', 'email-sending'])('%s is a minified ESM bundle under 64 KB', (jobType) => {
    const job = topology.find((t) => t.jobType === jobType)!;
    const entry = join(job.worker.assetPath!, 'index.mjs');
    expect(existsSync(entry)).toBe(true);
    expect(statSync(entry).size).toBeLessThan(64 * 1024);
    expect(job.worker.handler).toBe('index.handler');
  });

  test('the e-mail worker renders each job and reports only the failed one', async () => {
    const handler = await bundledHandler('email-sending');
    const logs: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
    vi.spyOn(console, 'warn').mockImplementation((line: string) => void logs.push(line));
    const ok = { to: 'ada@example.com', subject: 'Hi', template: 'Hello {{name}}', variables: { name: 'Ada' } };
    const broken = { ...ok, template: 'Hello {{nobody}}' };
    const response = await handler(
      sqsEvent([sqsRecord({ messageId: 'm-1', payload: ok }), sqsRecord({ messageId: 'm-2', payload: broken }), sqsRecord({ messageId: 'm-3', payload: ok })]),
      lambdaContext(),
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    const outcomes = logs.map((l) => JSON.parse(l) as { messageId: string; outcome: string; result?: { bodyBytes: number } });
    // Records run concurrently: one log line per record, in any order.
    expect(Object.fromEntries(outcomes.map((o) => [o.messageId, o.outcome]))).toEqual({ 'm-1': 'success', 'm-2': 'retry', 'm-3': 'success' });
    expect(outcomes.find((o) => o.messageId === 'm-1')!.result?.bodyBytes).toBe('Hello Ada'.length);
  });

  test('the photo worker rejects a payload that breaks its schema', async () => {
    const handler = await bundledHandler('photo-resize');
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const response = await handler(
      sqsEvent([
        sqsRecord({ messageId: 'good', payload: { photoId: 'p', sourceKey: 'k', width: 100, height: 50, targetWidths: [50] } }),
        sqsRecord({ messageId: 'bad', payload: { photoId: 'p', sourceKey: 'k', width: -1, height: 50, targetWidths: [] } }),
      ]),
      lambdaContext(),
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
  });

  test('the video worker answers an all-good batch with an empty failure list', async () => {
    const handler = await bundledHandler('video-transcoding');
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const response = await handler(
      sqsEvent([sqsRecord({ messageId: 'v-1', payload: { videoId: 'v', sourceKey: 'k', durationSeconds: 10, renditions: ['720p'] } })]),
      lambdaContext(),
    );
    expect(response).toEqual({ batchItemFailures: [] });
  });
});
