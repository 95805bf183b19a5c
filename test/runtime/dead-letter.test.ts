/** The DLQ path: what the runtime sends, and the job's whole trip through the SQS emulator. */
import { SendMessageCommand, type MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSMessageAttributes } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FAILURE_ATTRIBUTE, MAX_MESSAGE_ATTRIBUTES, photoResize, REDRIVE_COUNT_ATTRIBUTE, type FailureContext } from '../../lib/jobs/index.js';
import { deadLetterMessage } from '../../lambda/runtime/dead-letter.js';
import { defineWorker } from '../../lambda/runtime/index.js';
import { createQueue, deliverOnce, messageCount, receiveAll, startEmulator, type Emulator } from '../helpers/emulator.js';
import { lambdaContext, sqsRecord, VALID_PHOTO } from '../helpers/records.js';

/** `n` String attributes: `jobType` plus `attr-1` … (as a producer might send). */
function producerAttributes(n: number): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (let i = 0; i < n; i++) {
    const name = i === n - 1 ? 'jobType' : `attr-${i + 1}`;
    out[name] = { dataType: 'String', stringValue: i === n - 1 ? 'photo-resize' : `v${i + 1}`, stringListValues: [], binaryListValues: [] };
  }
  return out;
}

function failureOf(attributes: Record<string, MessageAttributeValue> | undefined): FailureContext {
  return JSON.parse(attributes![FAILURE_ATTRIBUTE]!.StringValue!) as FailureContext;
}

const NOW = new Date('2026-12-03T12:00:00.000Z');

describe('the dead-letter message', () => {
  test.each([0, 1, 8, 9, 10])('keeps within SQS limit of 10 attributes when the producer sent %i', (sent) => {
    const record = sqsRecord({ messageId: 'm-1', body: 'x', messageAttributes: producerAttributes(sent) });
    const message = deadLetterMessage({ deadLetterQueueUrl: 'u', jobType: 'photo-resize', record, reason: 'invalid-json', error: new Error('e'), now: NOW });
    const names = Object.keys(message.MessageAttributes!);
    expect(names.length).toBeLessThanOrEqual(MAX_MESSAGE_ATTRIBUTES);
    expect(names.length).toBe(Math.min(sent, MAX_MESSAGE_ATTRIBUTES - 1) + 1);
    expect(names).toContain(FAILURE_ATTRIBUTE);
    if (sent > 0) expect(message.MessageAttributes!.jobType).toStrictEqual({ DataType: 'String', StringValue: 'photo-resize' });
  });

  test('folds the attribute that does not fit into the failure context, never jobType', () => {
    const record = sqsRecord({ messageId: 'm-1', body: 'x', messageAttributes: producerAttributes(10) });
    const message = deadLetterMessage({ deadLetterQueueUrl: 'u', jobType: 'photo-resize', record, reason: 'invalid-json', error: new Error('e'), now: NOW });
    expect(Object.keys(message.MessageAttributes!)).not.toContain('attr-9');
    expect(failureOf(message.MessageAttributes).foldedAttributes).toStrictEqual({ 'attr-9': { dataType: 'String', stringValue: 'v9' } });
  });

  test('never folds the redrive count of a job that was redriven, so jobq redrive keeps counting', () => {
    const redriven = { dataType: 'String', stringValue: '2', stringListValues: [], binaryListValues: [] };
    const record = sqsRecord({ messageId: 'm-1', body: 'x', messageAttributes: { ...producerAttributes(9), [REDRIVE_COUNT_ATTRIBUTE]: redriven } });
    const message = deadLetterMessage({ deadLetterQueueUrl: 'u', jobType: 'photo-resize', record, reason: 'invalid-json', error: new Error('e'), now: NOW });
    expect(Object.keys(message.MessageAttributes!)).toHaveLength(MAX_MESSAGE_ATTRIBUTES);
    expect(message.MessageAttributes![REDRIVE_COUNT_ATTRIBUTE]).toStrictEqual({ DataType: 'String', StringValue: '2' });
    expect(message.MessageAttributes!.jobType).toStrictEqual({ DataType: 'String', StringValue: 'photo-resize' });
    expect(Object.keys(failureOf(message.MessageAttributes).foldedAttributes ?? {})).toEqual(['attr-8']);
  });

  test('replaces the failure context of a job that was dead-lettered before', () => {
    const old = { dataType: 'String', stringValue: '{"reason":"old"}', stringListValues: [], binaryListValues: [] };
    const record = sqsRecord({ messageId: 'm-1', body: 'x', messageAttributes: { ...producerAttributes(9), [FAILURE_ATTRIBUTE]: old } });
    const message = deadLetterMessage({ deadLetterQueueUrl: 'u', jobType: 'photo-resize', record, reason: 'schema-violation', error: new Error('e'), now: NOW });
    expect(Object.keys(message.MessageAttributes!)).toHaveLength(10);
    expect(failureOf(message.MessageAttributes)).toStrictEqual({
      reason: 'schema-violation',
      errorName: 'Error',
      errorMessage: 'e',
      expectedJobType: 'photo-resize',
      receiveCount: 1,
      originalMessageId: 'm-1',
      failedAt: '2026-12-03T12:00:00.000Z',
    });
  });

  test('keeps binary attributes as bytes', () => {
    const bin = { dataType: 'Binary', binaryValue: Buffer.from([1, 2, 3]).toString('base64'), stringListValues: [], binaryListValues: [] };
    const record = sqsRecord({ body: 'x', messageAttributes: { trace: bin } });
    const message = deadLetterMessage({ deadLetterQueueUrl: 'u', jobType: 'photo-resize', record, reason: 'invalid-json', error: new Error('e'), now: NOW });
    expect(message.MessageAttributes!.trace).toStrictEqual({ DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) });
  });

  test('gives a FIFO job its group and the original message id as deduplication id', () => {
    const record = sqsRecord({ messageId: 'm-7', body: 'x', messageGroupId: 'tenant-1' });
    const message = deadLetterMessage({ deadLetterQueueUrl: 'u', jobType: 'x', record, reason: 'invalid-json', error: new Error('e'), now: NOW });
    expect(message).toMatchObject({ MessageGroupId: 'tenant-1', MessageDeduplicationId: 'm-7' });
  });
});

describe('dead-lettering through the SQS emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator.close());

  test.each([false, true])('moves a poison job to the DLQ with its attributes and empties the source queue (FIFO: %s)', async (fifo) => {
    const { sqs } = emulator;
    const queueUrl = await createQueue(sqs, 'photo-resize', fifo);
    const dlqUrl = await createQueue(sqs, 'photo-resize-dlq', fifo);
    process.env.JOBQ_QUEUE_URL = queueUrl;
    process.env.JOBQ_DLQ_URL = dlqUrl;
    const fifoFields = (id: string) => (fifo ? { MessageGroupId: `g-${id}`, MessageDeduplicationId: id } : {});
    const producerAttrs: Record<string, MessageAttributeValue> = { jobType: { DataType: 'String', StringValue: 'photo-resize' } };
    for (let i = 1; i <= 9; i++) producerAttrs[`attr-${i}`] = { DataType: 'String', StringValue: `v${i}` };
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(VALID_PHOTO), MessageAttributes: { jobType: producerAttrs.jobType! }, ...fifoFields('1') }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"photoId":"p-2",', MessageAttributes: producerAttrs, ...fifoFields('2') }));

    const handler = defineWorker(photoResize, () => 'done', { sqsClient: sqs, logger: () => undefined });
    const { records, response } = await deliverOnce(sqs, queueUrl, handler, lambdaContext());

    expect(records).toHaveLength(2);
    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect(await messageCount(sqs, queueUrl)).toBe(0);
    const dead = await receiveAll(sqs, dlqUrl);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.Body).toBe('{"photoId":"p-2",');
    expect(Object.keys(dead[0]!.MessageAttributes!)).toHaveLength(MAX_MESSAGE_ATTRIBUTES);
    expect(dead[0]!.MessageAttributes!.jobType!.StringValue).toBe('photo-resize');
    expect(failureOf(dead[0]!.MessageAttributes)).toMatchObject({
      reason: 'invalid-json',
      expectedJobType: 'photo-resize',
      receiveCount: 1,
      originalMessageId: records[1]!.messageId,
      foldedAttributes: { 'attr-9': { dataType: 'String', stringValue: 'v9' } },
    });
  });
});
