import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { testStack } from '../../helpers/app.js';
import { building, buildJobQueue } from '../../helpers/job-queue.js';

describe('DLQ type matches the source type', () => {
  test('makes the DLQ of a FIFO queue FIFO, with its own .fifo name', () => {
    const stack = testStack('Stack');
    const jobs = buildJobQueue({ fifo: true }, stack);
    expect(jobs.names).toMatchObject({ queueName: 'Stack-test-job.fifo', deadLetterQueueName: 'Stack-test-job-dlq.fifo' });
    const template = Template.fromStack(stack);
    template.resourcePropertiesCountIs('AWS::SQS::Queue', { FifoQueue: true }, 2);
  });

  test('rejects a standard (no .fifo) DLQ name on a FIFO queue', () => {
    expect(building({ fifo: true, deadLetterQueueName: 'ledger-post-dlq' })).toThrow(
      /deadLetterQueueName \('ledger-post-dlq'\) names a standard queue but the source queue is FIFO: SQS requires the DLQ to be the same type as its source .*; use 'ledger-post-dlq\.fifo'/,
    );
  });

  test('rejects a FIFO DLQ name on a standard queue', () => {
    expect(building({ deadLetterQueueName: 'ledger-post-dlq.fifo' })).toThrow(
      /deadLetterQueueName \('ledger-post-dlq\.fifo'\) names a FIFO queue but the source queue is standard.*use 'ledger-post-dlq'/,
    );
  });
});

describe('.fifo suffixes on given queue names', () => {
  test('rejects a FIFO queue name without .fifo', () => {
    expect(building({ fifo: true, queueName: 'ledger-post' })).toThrow(
      /queueName \('ledger-post'\) must end in '\.fifo' because the queue is FIFO.*use 'ledger-post\.fifo'/,
    );
  });

  test('rejects a .fifo name on a queue that is not FIFO', () => {
    expect(building({ queueName: 'ledger-post.fifo' })).toThrow(
      /queueName \('ledger-post\.fifo'\) ends in '\.fifo' but fifo is not set.*set fifo: true for a FIFO queue, or use 'ledger-post'/,
    );
  });
});

describe('FIFO-only options', () => {
  test.each([true, false])('rejects contentBasedDeduplication: %s on a standard queue', (contentBasedDeduplication) => {
    expect(building({ contentBasedDeduplication })).toThrow(
      new RegExp(`contentBasedDeduplication \\(${contentBasedDeduplication}\\) only applies to FIFO queues; remove it, or set fifo: true`),
    );
  });

  test.each([
    [undefined, true],
    [true, true],
    [false, false],
  ])('sets content-based deduplication %s on a FIFO queue as %s', (contentBasedDeduplication, expected) => {
    const stack = testStack();
    const jobs = buildJobQueue({ fifo: true, contentBasedDeduplication }, stack);
    const queueId = stack.getLogicalId(jobs.queue.node.defaultChild as never);
    const props = Template.fromStack(stack).toJSON().Resources[queueId].Properties;
    expect(props.ContentBasedDeduplication ?? false).toBe(expected);
  });
});
