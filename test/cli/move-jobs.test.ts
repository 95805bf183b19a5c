/**
 * The copying move's FIFO rule when SQS hands out several jobs of one group in one receive (AWS does;
 * fauxqs keeps them back behind the group lock): the SDK inputs show what is sent and what stays.
 */
import { describe, expect, test } from 'vitest';
import { moveJobs } from '../../lib/cli/move-jobs.js';
import { recordedClients } from '../helpers/recorded-clients.js';

const DLQ = 'https://sqs.eu-west-1.amazonaws.com/123456789012/Shop-invoice-sync-dlq.fifo';
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/Shop-invoice-sync.fifo';

const job = (id: string, group: string, redrives?: number) => ({
  MessageId: id,
  ReceiptHandle: `rh-${id}`,
  Body: `{"id":"${id}"}`,
  Attributes: { MessageGroupId: group },
  MessageAttributes: redrives === undefined ? {} : { jobqRedriveCount: { DataType: 'Number', StringValue: String(redrives) } },
});

describe('moveJobs on a FIFO DLQ', () => {
  test('holds the later jobs of a group behind a held job, sends the other groups in order, and makes the held ones visible again', async () => {
    let receives = 0;
    const { clients, calls } = recordedClients(({ command, input }) => {
      if (command === 'GetQueueAttributesCommand') return { Attributes: { ApproximateNumberOfMessages: '4' } };
      if (command === 'ReceiveMessageCommand') return receives++ === 0 ? { Messages: [job('a1', 'A', 3), job('b1', 'B'), job('a2', 'A'), job('b2', 'B')] } : { Messages: [] };
      if (command === 'SendMessageBatchCommand') return { Successful: (input.Entries as { Id: string }[]).map((e) => ({ Id: e.Id })), Failed: [] };
      return {};
    });
    const result = await moveJobs(clients().sqs, { fromUrl: DLQ, toUrl: QUEUE, fifo: true, maxRedrives: 3 });

    expect(result.moved).toBe(2);
    expect(result.held.map((h) => [h.messageId, h.reason])).toEqual([
      ['a1', 'redrive-limit'],
      ['a2', 'behind-held-job'],
    ]);
    const send = calls.find((c) => c.command === 'SendMessageBatchCommand')?.input as { QueueUrl: string; Entries: Record<string, unknown>[] };
    expect(send.QueueUrl).toBe(QUEUE);
    expect(send.Entries.map((e) => [e.MessageBody, e.MessageGroupId])).toEqual([
      ['{"id":"b1"}', 'B'],
      ['{"id":"b2"}', 'B'],
    ]);
    expect(send.Entries.every((e) => typeof e.MessageDeduplicationId === 'string' && (e.MessageDeduplicationId as string).length === 36)).toBe(true);
    const deleted = calls.find((c) => c.command === 'DeleteMessageBatchCommand')?.input as { Entries: { ReceiptHandle: string }[] };
    expect(deleted.Entries.map((e) => e.ReceiptHandle)).toEqual(['rh-b1', 'rh-b2']);
    const visible = calls.find((c) => c.command === 'ChangeMessageVisibilityBatchCommand')?.input as { Entries: { ReceiptHandle: string; VisibilityTimeout: number }[] };
    expect(visible.Entries.map((e) => [e.ReceiptHandle, e.VisibilityTimeout])).toEqual([
      ['rh-a1', 0],
      ['rh-a2', 0],
    ]);
  });

  test('keeps a job whose send failed in the DLQ and reports the service\'s reason', async () => {
    let receives = 0;
    const { clients, calls } = recordedClients(({ command }) => {
      if (command === 'GetQueueAttributesCommand') return { Attributes: { ApproximateNumberOfMessages: '4' } };
      if (command === 'ReceiveMessageCommand') return receives++ === 0 ? { Messages: [job('a1', 'A'), job('b1', 'B')] } : { Messages: [] };
      if (command === 'SendMessageBatchCommand') return { Successful: [{ Id: 'e1' }], Failed: [{ Id: 'e0', Code: 'KmsThrottled', Message: 'slow down', SenderFault: false }] };
      return {};
    });
    const result = await moveJobs(clients().sqs, { fromUrl: DLQ, toUrl: QUEUE, fifo: true, maxRedrives: 3 });
    expect(result).toEqual({ moved: 1, held: [{ messageId: 'a1', reason: 'send-failed', detail: 'KmsThrottled: slow down' }] });
    const deleted = calls.find((c) => c.command === 'DeleteMessageBatchCommand')?.input as { Entries: { ReceiptHandle: string }[] };
    expect(deleted.Entries.map((e) => e.ReceiptHandle)).toEqual(['rh-b1']);
  });
});
