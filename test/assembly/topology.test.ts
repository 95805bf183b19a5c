import { beforeAll, describe, expect, test } from 'vitest';
import { formatSummary } from '../../lib/assembly/summary.js';
import { readTopology, type JobTopology } from '../../lib/assembly/topology.js';
import { buildSeedApp } from '../../lib/app/seed-app.js';
import { scratchDir } from '../helpers/app.js';

let topology: JobTopology[];

beforeAll(() => {
  const outdir = scratchDir('topology-');
  buildSeedApp({ outdir }).app.synth();
  topology = readTopology(outdir);
});

describe('reading the synthesized assembly', () => {
  test('finds each job type with its queue, DLQ and mapping settings', () => {
    const byType = Object.fromEntries(topology.map((t) => [t.jobType, t]));
    expect(Object.keys(byType)).toEqual(['video-transcoding', 'photo-resize', 'email-sending']);
    expect(byType['email-sending']).toMatchObject({
      stackName: 'CdkJobQueues',
      queue: { name: 'CdkJobQueues-email-sending', visibilityTimeoutSeconds: 65, fifo: false },
      deadLetterQueue: { name: 'CdkJobQueues-email-sending-dlq', retentionSeconds: 1209600 },
      maxReceiveCount: 5,
      batchSize: 10,
      maxBatchingWindowSeconds: 5,
      maxConcurrency: 50,
      reportBatchItemFailures: true,
      worker: { functionName: 'CdkJobQueues-email-sending-worker', timeoutSeconds: 10, memorySize: 256 },
    });
  });

  test('lists the producers allowed to send to each queue, not the workers', () => {
    expect(Object.fromEntries(topology.map((t) => [t.jobType, t.producers]))).toEqual({
      'video-transcoding': ['BatchImport', 'UploadService'],
      'photo-resize': ['BatchImport', 'UploadService'],
      'email-sending': ['AdminDashboard', 'BatchImport'],
    });
  });

  test('the summary has one row per job type with its settings', () => {
    const lines = formatSummary(topology).split('\n');
    expect(lines[0]).toMatch(/^job type\s+queue\s+DLQ\s+visibility timeout\s+max receives\s+batch size\s+max concurrency\s+producers$/);
    expect(lines).toHaveLength(2 + 3);
    expect(lines[2]).toMatch(/^video-transcoding\s+CdkJobQueues-video-transcoding\s+CdkJobQueues-video-transcoding-dlq\s+3600 s \(1 h\)\s+3\s+1\s+2\s+BatchImport, UploadService$/);
    expect(lines[4]).toMatch(/^email-sending\s+.*65 s \(1 min 5 s\)\s+5\s+10 \(window 5 s\)\s+50\s+AdminDashboard, BatchImport$/);
  });
});
