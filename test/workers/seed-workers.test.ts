/** The seed's three workers, run through the runtime as Lambda would run them. */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { FAILURE_ATTRIBUTE, type FailureContext } from '../../lib/jobs/index.js';
import { handler as emailWorker } from '../../lambda/workers/email-sending.js';
import { handler as photoWorker } from '../../lambda/workers/photo-resize.js';
import { handler as videoWorker } from '../../lambda/workers/video-transcoding.js';
import { createQueue, receiveAll, startEmulator, type Emulator } from '../helpers/emulator.js';
import { lambdaContext, sqsEvent, sqsRecord, VALID_EMAIL, VALID_PHOTO } from '../helpers/records.js';
import { interceptLocalhostDns } from 'fauxqs';

const VALID_VIDEO = { videoId: 'v-1', sourceKey: 'uploads/v-1.mov', durationSeconds: 60, renditions: ['720p', '1080p'] };

let emulator: Emulator;
let restoreDns: () => void;
let dlqUrl: string;

beforeAll(async () => {
  emulator = await startEmulator();
  // The workers use their own default SDK client, which sends to the queue URL's host.
  restoreDns = interceptLocalhostDns();
  Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
});
afterAll(async () => {
  restoreDns();
  await emulator.close();
});
beforeEach(async () => {
  dlqUrl = await createQueue(emulator.sqs, 'seed-dlq');
  process.env.JOBQ_DLQ_URL = dlqUrl;
});

describe('seed workers', () => {
  test.each([
    ['video-transcoding', videoWorker, VALID_VIDEO],
    ['photo-resize', photoWorker, VALID_PHOTO],
    ['email-sending', emailWorker, VALID_EMAIL],
  ] as const)('the %s worker succeeds on a valid job and dead-letters one for another job type', async (jobType, handler, payload) => {
    process.env.JOBQ_JOB_TYPE = jobType;
    const records = [
      sqsRecord({ messageId: 'ok', payload, attributes: { jobType } }),
      sqsRecord({ messageId: 'wrong', payload, attributes: { jobType: 'other-job' } }),
    ];
    expect(await handler(sqsEvent(records), lambdaContext())).toStrictEqual({ batchItemFailures: [] });
    const [dead, ...rest] = await receiveAll(emulator.sqs, dlqUrl);
    expect(rest).toHaveLength(0);
    const failure = JSON.parse(dead!.MessageAttributes![FAILURE_ATTRIBUTE]!.StringValue!) as FailureContext;
    expect(failure).toMatchObject({ reason: 'job-type-mismatch', expectedJobType: jobType, receivedJobType: 'other-job', originalMessageId: 'wrong' });
  });

  test('the email-sending worker dead-letters a template with a placeholder that has no variable', async () => {
    process.env.JOBQ_JOB_TYPE = 'email-sending';
    const record = sqsRecord({ messageId: 'm-1', payload: { ...VALID_EMAIL, template: 'Hello {{name}}, your code is {{code}}' } });
    expect(await emailWorker(sqsEvent([record]), lambdaContext())).toStrictEqual({ batchItemFailures: [] });
    const [dead] = await receiveAll(emulator.sqs, dlqUrl);
    const failure = JSON.parse(dead!.MessageAttributes![FAILURE_ATTRIBUTE]!.StringValue!) as FailureContext;
    expect(failure).toMatchObject({ reason: 'permanent-failure', errorName: 'PermanentJobError' });
    expect(failure.errorMessage).toMatch(/template placeholders without a variable: code; add them to variables/);
  });
});
