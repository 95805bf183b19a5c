/** Creates one job type's DLQ and source queue in the emulator, with the synthesized (scaled) attributes. */
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { JobTopology } from '../assembly/topology.js';
import type { ScaledTimings } from './time-scale.js';

export interface LocalQueues {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly deadLetterQueueUrl: string;
  readonly deadLetterQueueArn: string;
}

export async function createLocalQueues(client: SQSClient, topology: JobTopology, timings: ScaledTimings): Promise<LocalQueues> {
  const fifo = (on: boolean): Record<string, string> => (on ? { FifoQueue: 'true' } : {});
  const dlq = await client.send(
    new CreateQueueCommand({
      QueueName: topology.deadLetterQueue.name,
      Attributes: {
        ...fifo(topology.deadLetterQueue.fifo),
        MessageRetentionPeriod: String(timings.deadLetterRetentionSeconds),
        ...(topology.deadLetterQueue.contentBasedDeduplication ? { ContentBasedDeduplication: 'true' } : {}),
      },
    }),
  );
  const deadLetterQueueArn = await arnOf(client, dlq.QueueUrl!);
  const queue = await client.send(
    new CreateQueueCommand({
      QueueName: topology.queue.name,
      Attributes: {
        ...fifo(topology.queue.fifo),
        ...(topology.queue.contentBasedDeduplication ? { ContentBasedDeduplication: 'true' } : {}),
        VisibilityTimeout: String(timings.visibilityTimeoutSeconds),
        ...(timings.delaySeconds > 0 ? { DelaySeconds: String(timings.delaySeconds) } : {}),
        ...(topology.queue.maxMessageSizeBytes !== undefined ? { MaximumMessageSize: String(topology.queue.maxMessageSizeBytes) } : {}),
        MessageRetentionPeriod: String(timings.retentionSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterQueueArn, maxReceiveCount: topology.maxReceiveCount }),
      },
    }),
  );
  return {
    queueUrl: queue.QueueUrl!,
    queueArn: await arnOf(client, queue.QueueUrl!),
    deadLetterQueueUrl: dlq.QueueUrl!,
    deadLetterQueueArn,
  };
}

async function arnOf(client: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return Attributes!.QueueArn!;
}
