import { describe, expect, test } from 'vitest';
import { topologyOfTemplate } from '../../lib/assembly/topology.js';

const template = {
  Resources: {
    Dlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs-dlq.fifo', FifoQueue: true } },
    Queue: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: 'jobs.fifo',
        FifoQueue: true,
        ContentBasedDeduplication: true,
        VisibilityTimeout: 60,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 4 },
      },
    },
    Worker: {
      Type: 'AWS::Lambda::Function',
      Metadata: { 'aws:asset:path': 'asset.abc' },
      Properties: {
        Handler: 'index.handler',
        Timeout: 10,
        Environment: { Variables: { JOBQ_JOB_TYPE: 'ledger-post', JOBQ_QUEUE_URL: { Ref: 'Queue' }, LIMIT: 3, ODD: { 'Fn::Join': ['', ['a', 'b']] } } },
      },
    },
    Mapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, FunctionName: { Ref: 'Worker' }, BatchSize: 1 },
    },
  },
};

describe('reading the topology back from a template', () => {
  test('keeps worker environment variables, with Refs left for the caller to resolve', () => {
    const [t] = topologyOfTemplate('Stack', template, 'out');
    expect(t!.worker.environment).toEqual({
      JOBQ_JOB_TYPE: 'ledger-post',
      JOBQ_QUEUE_URL: { ref: 'Queue' },
      LIMIT: '3',
      ODD: { unresolved: { 'Fn::Join': ['', ['a', 'b']] } },
    });
    expect(t!.worker.assetPath).toMatch(/out[\\/]asset\.abc$/);
  });

  test('reads FIFO and content-based deduplication of both queues', () => {
    const [t] = topologyOfTemplate('Stack', template);
    expect([t!.queue.fifo, t!.queue.contentBasedDeduplication, t!.deadLetterQueue.fifo, t!.deadLetterQueue.contentBasedDeduplication]).toEqual([true, true, true, false]);
    expect(t!.maxReceiveCount).toBe(4);
  });
});
