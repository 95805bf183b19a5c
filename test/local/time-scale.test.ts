import { describe, expect, test } from 'vitest';
import type { JobTopology } from '../../lib/assembly/topology.js';
import { scaleTimings } from '../../lib/local/time-scale.js';

const topology = (visibility: number, retention: number, timeout: number, window: number, delay = 0): JobTopology => ({
  stackName: 'S',
  jobType: 'email-sending',
  queue: { logicalId: 'Q', name: 'q', fifo: false, visibilityTimeoutSeconds: visibility, retentionSeconds: retention, contentBasedDeduplication: false, delaySeconds: delay, maxMessageSizeBytes: undefined },
  deadLetterQueue: { logicalId: 'D', name: 'd', fifo: false, visibilityTimeoutSeconds: 30, retentionSeconds: 1_209_600, contentBasedDeduplication: false, delaySeconds: 0, maxMessageSizeBytes: undefined },
  maxReceiveCount: 5,
  worker: { logicalId: 'W', functionName: 'w', timeoutSeconds: timeout, memorySize: 128, handler: 'index.handler', assetPath: undefined, environment: {} },
  batchSize: 10,
  maxBatchingWindowSeconds: window,
  maxConcurrency: 10,
  reportBatchItemFailures: true,
  producers: [],
});

describe('time scale', () => {
  test.each([
    // factor, visibility given (s), visibility used (s), rounded?
    [1, 65, 65, false],
    [30, 65, 3, true],
    [65, 65, 1, false],
    [100, 65, 1, true],
    [60, 3600, 60, false],
    [7, 3600, 515, true],
  ])('at 1:%d a visibility timeout of %d s becomes %d s (rounded: %s)', (factor, given, used, rounded) => {
    const t = scaleTimings(topology(given, 345_600, 10, 0), factor);
    expect(t.visibilityTimeoutSeconds).toBe(used);
    expect(t.roundings.some((r) => r.startsWith('visibility timeout'))).toBe(rounded);
  });

  test.each([
    // factor, retention given (s), retention used (s)
    [1, 60, 60],
    [2, 120, 60],
    [1000, 345_600, 346],
    [10_000, 345_600, 60],
  ])('at 1:%d a retention of %d s becomes %d s, never below SQS minimum of 60 s', (factor, given, used) => {
    expect(scaleTimings(topology(30, given, 10, 0), factor).retentionSeconds).toBe(used);
  });

  test.each([
    // factor, delay given (s), delay used (s)
    [1, 0, 0],
    [30, 0, 0],
    [30, 60, 2],
    [30, 45, 2],
    [1000, 900, 1],
  ])('at 1:%d a delivery delay of %d s becomes %d s (off stays off)', (factor, given, used) => {
    expect(scaleTimings(topology(30, 345_600, 10, 0, given), factor).delaySeconds).toBe(used);
  });

  test('the batching window shrinks exactly, in milliseconds', () => {
    expect(scaleTimings(topology(65, 345_600, 10, 5), 30).batchingWindowMs).toBeCloseTo(166.67, 1);
  });

  test.each([
    // factor, worker timeout given (s), timeout used (ms), raised?
    [1, 10, 10_000, false],
    [5, 10, 2_000, false],
    [10, 10, 1_000, false],
    [30, 10, 1_000, true],
    [45, 600, 13_333.33, false],
  ])('at 1:%d a worker timeout of %d s becomes %d ms, never below the local floor of 1 s (raised: %s)', (factor, given, used, raised) => {
    const t = scaleTimings(topology(6 * given, 345_600, given, 0), factor);
    expect(t.workerTimeoutMs).toBeCloseTo(used, 1);
    expect(t.roundings.some((r) => r.startsWith('worker timeout'))).toBe(raised);
  });

  test('the visibility timeout never ends up below the worker timeout, whatever the rounding', () => {
    const t = scaleTimings(topology(130, 345_600, 120, 0), 100);
    expect(t.visibilityTimeoutSeconds * 1000).toBeGreaterThanOrEqual(t.workerTimeoutMs);
    const tight = scaleTimings(topology(1, 345_600, 1, 0), 1);
    expect([tight.visibilityTimeoutSeconds, tight.workerTimeoutMs]).toEqual([1, 1000]);
  });

  test('a rounding says what was given, the exact scaled value and what was used', () => {
    expect(scaleTimings(topology(65, 345_600, 10, 0), 30).roundings).toContain(
      'visibility timeout 65 s / 30 = 2.17 s, rounded up to 3 s (SQS takes whole seconds; at least 1 s here)',
    );
  });

  test.each([0, 0.5, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects a time scale of %s with a stable code', (factor) => {
    expect(() => scaleTimings(topology(30, 345_600, 10, 0), factor)).toThrow(
      expect.objectContaining({ code: 'JOBQ_LOCAL_BAD_OPTION', message: expect.stringMatching(/time scale \(.+\) must be a number of at least 1/) }),
    );
  });
});
