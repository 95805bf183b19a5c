/** Record, event and context factories for worker tests (shapes as Lambda delivers them). */
import type { Context, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export interface RecordOverrides {
  readonly messageId?: string;
  readonly receiptHandle?: string;
  /** The raw body; otherwise `payload` as JSON. */
  readonly body?: string;
  readonly payload?: unknown;
  /** String message attributes by name (`{ jobType: 'photo-resize' }`). */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly messageAttributes?: SQSMessageAttributes;
  readonly receiveCount?: number;
  readonly messageGroupId?: string;
  readonly queueArn?: string;
}

export const TEST_QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:test-queue';

/** One SQS record as Lambda delivers it. */
export function sqsRecord(overrides: RecordOverrides = {}): SQSRecord {
  const messageAttributes: SQSMessageAttributes = { ...overrides.messageAttributes };
  for (const [name, value] of Object.entries(overrides.attributes ?? {})) {
    messageAttributes[name] = { dataType: 'String', stringValue: value, stringListValues: [], binaryListValues: [] };
  }
  return {
    messageId: overrides.messageId ?? randomUUID(),
    receiptHandle: overrides.receiptHandle ?? `rh-${randomUUID()}`,
    body: overrides.body ?? JSON.stringify(overrides.payload ?? {}),
    attributes: {
      ApproximateReceiveCount: String(overrides.receiveCount ?? 1),
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
      ...(overrides.messageGroupId !== undefined
        ? { MessageGroupId: overrides.messageGroupId, MessageDeduplicationId: randomUUID(), SequenceNumber: '1' }
        : {}),
    },
    messageAttributes,
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: overrides.queueArn ?? TEST_QUEUE_ARN,
    awsRegion: 'us-east-1',
  };
}

/** An SQS event holding the given records. */
export function sqsEvent(records: readonly SQSRecord[]): SQSEvent {
  return { Records: [...records] };
}

/** A Lambda context whose remaining time is `remainingMs()` (defaults to plenty). */
export function lambdaContext(remainingMs: () => number = () => 60_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'test-worker',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:test-worker',
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/test-worker',
    logStreamName: 'test',
    getRemainingTimeInMillis: remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Valid payloads for the seed's job types. */
export const VALID_PHOTO = { photoId: 'p-1', sourceKey: 'uploads/p-1.jpg', width: 4000, height: 3000, targetWidths: [320, 1280] };
export const VALID_EMAIL = { to: 'ada@example.com', subject: 'Hi', template: 'Hello {{name}}', variables: { name: 'Ada' } };
