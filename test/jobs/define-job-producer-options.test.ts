import * as z from 'zod/mini';
import { describe, expect, test } from 'vitest';
import { defineJob, jobs, SQS_MAX_MESSAGE_BYTES } from '../../lib/jobs/index.js';

const schema = z.object({ id: z.string() });

describe('defineJob producer options', () => {
  test('maxMessageBytes defaults to SQS’s 1 MiB (1,048,576 bytes) for every seed job type', () => {
    expect(SQS_MAX_MESSAGE_BYTES).toBe(1_048_576);
    for (const job of Object.values(jobs)) expect(job.maxMessageBytes).toBe(SQS_MAX_MESSAGE_BYTES);
    expect(defineJob({ name: 'plain', description: 'd', schema }).maxMessageBytes).toBe(1_048_576);
  });

  test.each([
    [1023, false],
    [1024, true],
    [262_144, true],
    [1_048_576, true],
    [1_048_577, false],
    [2048.5, false],
  ])('maxMessageBytes %s is accepted: %s', (maxMessageBytes, accepted) => {
    const define = () => defineJob({ name: 'sized', description: 'd', schema, maxMessageBytes });
    if (accepted) expect(define().maxMessageBytes).toBe(maxMessageBytes);
    else expect(define).toThrow(new RegExp(`Job type 'sized': maxMessageBytes \\(${maxMessageBytes} bytes\\) must be an integer from 1024 to 1048576 bytes`));
  });

  test('messageGroupId derives the group from the payload of a FIFO job type', () => {
    const job = defineJob({ name: 'ordered', description: 'd', schema, fifo: true, messageGroupId: (payload) => `g-${payload.id}` });
    expect(job.messageGroupId?.({ id: '7' })).toBe('g-7');
  });

  test('messageGroupId on a standard job type is refused with the fix', () => {
    expect(() => defineJob({ name: 'unordered', description: 'd', schema, messageGroupId: (p) => p.id })).toThrow(
      /Job type 'unordered': messageGroupId is set but fifo is false; .*set fifo: true or remove messageGroupId/,
    );
  });
});
