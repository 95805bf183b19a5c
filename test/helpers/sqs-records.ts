/** Factories for SQS records and events as Lambda delivers them. */
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export interface RecordOptions {
  readonly messageId?: string;
  readonly body?: string;
  readonly jobType?: string;
  readonly receiveCount?: number;
  readonly messageGroupId?: string;
  readonly queueArn?: string;
}

/** One SQS record carrying `payload` as its JSON body (or `options.body` verbatim). */
export function sqsRecord(payload: unknown, options: RecordOptions = {}): SQSRecord {
  const messageAttributes: SQSRecord['messageAttributes'] = {};
  if (options.jobType !== undefined) {
    messageAttributes.jobType = { dataType: 'String', stringValue: options.jobType, stringListValues: [], binaryListValues: [] };
  }
  return {
    messageId: options.messageId ?? randomUUID(),
    receiptHandle: `rh-${randomUUID()}`,
    body: options.body ?? JSON.stringify(payload),
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDATEST',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
      ...(options.messageGroupId ? { MessageGroupId: options.messageGroupId } : {}),
    },
    messageAttributes,
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: options.queueArn ?? 'arn:aws:sqs:us-east-1:111111111111:test-queue',
    awsRegion: 'us-east-1',
  };
}

export function sqsEvent(records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** A Lambda context with `remainingMs` left on the clock. */
export function lambdaContext(remainingMs = 30_000): Context {
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'test-worker',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:test-worker',
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/test-worker',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
