import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createJobClient,
  InvalidPayloadError,
  InvalidSendOptionsError,
  MissingQueueUrlError,
  PayloadTooLargeError,
  QueueMismatchError,
  SendFailedError,
  UnknownJobTypeError,
} from '../../lib/client/index.js';
import { emailSending, jobs, photoResize, queueUrlEnvVar, SQS_MAX_MESSAGE_BYTES, videoTranscoding } from '../../lib/jobs/index.js';
import { createQueue, drainQueue, recordRequests, sqsClientFor, startEmulator, type Emulator, type RecordedRequest } from './emulator.js';
import { auditLog, jobTypeAttributeBytes, ledgerPosting, note } from './jobs.js';

const email = { to: 'ada@example.com', subject: 'Welcome', template: 'Hi {{name}}', variables: { name: 'Ada' } };
const photo = { photoId: 'p-1', sourceKey: 'uploads/p-1.jpg', width: 4000, height: 3000, targetWidths: [320, 1280] };

let emulator: Emulator;
let sqs: SQSClient;
let requests: RecordedRequest[];

beforeAll(async () => {
  emulator = await startEmulator();
  sqs = sqsClientFor(emulator);
  requests = recordRequests(sqs);
});
afterAll(async () => {
  sqs.destroy();
  await emulator.close();
});

describe('send', () => {
  test('sends each of the seed’s job types as the README’s producer does, each to its own queue', async () => {
    const queueUrls = {
      'video-transcoding': await createQueue(sqs, 'video'),
      'photo-resize': await createQueue(sqs, 'photo'),
      'email-sending': await createQueue(sqs, 'email'),
    };
    const env = Object.fromEntries(Object.entries(queueUrls).map(([jobType, url]) => [queueUrlEnvVar(jobType), url]));
    const client = createJobClient({ jobs, sqs, env });
    await client.send('video-transcoding', { videoId: 'v-42', sourceKey: 'uploads/v-42.mov', durationSeconds: 312, renditions: ['1080p', '720p'] });
    await client.send('photo-resize', { photoId: 'p-7', sourceKey: 'uploads/p-7.jpg', width: 4032, height: 3024, targetWidths: [320, 1280] });
    await client.send('email-sending', email);
    for (const [jobType, queueUrl] of Object.entries(queueUrls)) {
      const messages = await drainQueue(sqs, queueUrl);
      expect(messages.map((m) => m.MessageAttributes?.['jobType']?.StringValue)).toEqual([jobType]);
    }
  });

  test('delivers the JSON payload with the jobType attribute to the queue named by the environment variable', async () => {
    const queueUrl = await createQueue(sqs, 'email');
    const client = createJobClient({ jobs, sqs, env: { [queueUrlEnvVar('email-sending')]: queueUrl } });
    const sent = await client.send('email-sending', email);
    const [message, ...rest] = await drainQueue(sqs, queueUrl);
    expect(rest).toHaveLength(0);
    expect(message?.MessageId).toBe(sent.messageId);
    expect(JSON.parse(message!.Body!)).toEqual(email);
    expect(message?.MessageAttributes).toEqual({ jobType: { DataType: 'String', StringValue: 'email-sending' } });
  });

  test('prefers an explicit queueUrls entry over the environment variable', async () => {
    const [explicit, fromEnv] = [await createQueue(sqs, 'explicit'), await createQueue(sqs, 'env')];
    const client = createJobClient({ jobs, sqs, queueUrls: { 'photo-resize': explicit }, env: { [queueUrlEnvVar('photo-resize')]: fromEnv } });
    await client.send('photo-resize', photo);
    expect(await drainQueue(sqs, explicit)).toHaveLength(1);
    expect(await drainQueue(sqs, fromEnv)).toHaveLength(0);
  });

  test('reads the environment variable that JobQueue.grantSend sets, from process.env by default', async () => {
    const queueUrl = await createQueue(sqs, 'video');
    const name = queueUrlEnvVar('video-transcoding');
    expect(name).toBe('JOBQ_QUEUE_URL_VIDEO_TRANSCODING');
    process.env[name] = queueUrl;
    try {
      const client = createJobClient({ jobs: [videoTranscoding], sqs });
      await client.send('video-transcoding', { videoId: 'v-1', sourceKey: 'in/v-1.mp4', durationSeconds: 60, renditions: ['720p'] });
    } finally {
      delete process.env[name];
    }
    expect(await drainQueue(sqs, queueUrl)).toHaveLength(1);
  });

  test('reports a request SQS refuses as SendFailedError with the SQS code', async () => {
    const client = createJobClient({ jobs, sqs, queueUrls: { 'email-sending': `${emulator.endpoint}/000000000000/no-such-queue` } });
    await expect(client.send('email-sending', email)).rejects.toThrow(/Sending a job of type 'email-sending' failed after 1 attempt: .*QueueDoesNotExist.*send again/);
    await expect(client.send('email-sending', email)).rejects.toBeInstanceOf(SendFailedError);
  });
});

describe('FIFO job types', () => {
  test('derives the message group id from the definition and keeps each group in order', async () => {
    const queueUrl = await createQueue(sqs, 'audit', true);
    const client = createJobClient({ jobs: [auditLog], sqs, queueUrls: { 'audit-log': queueUrl } });
    for (const entry of ['a1', 'a2', 'a3']) await client.send('audit-log', { tenantId: 't-1', entry });
    const messages = await drainQueue(sqs, queueUrl);
    expect(messages.map((m) => JSON.parse(m.Body!).entry)).toEqual(['a1', 'a2', 'a3']);
    expect(messages.map((m) => m.Attributes?.MessageGroupId)).toEqual(['t-1', 't-1', 't-1']);
  });

  test('passes an explicit message group id and deduplication id, and SQS drops the duplicate', async () => {
    const queueUrl = await createQueue(sqs, 'ledger', true);
    const client = createJobClient({ jobs: [ledgerPosting], sqs, queueUrls: { 'ledger-posting': queueUrl } });
    const options = { messageGroupId: 'acct-9', messageDeduplicationId: 'posting-1' };
    const first = await client.send('ledger-posting', { account: 'acct-9', cents: 100 }, options);
    const again = await client.send('ledger-posting', { account: 'acct-9', cents: 100 }, options);
    expect(again.messageId).toBe(first.messageId);
    expect(first.sequenceNumber).toMatch(/^\d+$/);
    const messages = await drainQueue(sqs, queueUrl);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.Attributes).toMatchObject({ MessageGroupId: 'acct-9', MessageDeduplicationId: 'posting-1' });
  });
});

describe('jobs refused before the network', () => {
  const queueUrls = { 'email-sending': 'http://127.0.0.1:9/000000000000/unused', note: 'http://127.0.0.1:9/000000000000/unused' };

  /** Sends through a client, and proves the client made no request. */
  async function refused(send: (client: ReturnType<typeof clientFor>) => Promise<unknown>): Promise<unknown> {
    const before = requests.length;
    const error = await send(clientFor()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(requests.length).toBe(before);
    return error;
  }
  const clientFor = () =>
    createJobClient({ jobs: [emailSending, photoResize, note, ledgerPosting], sqs, queueUrls: { ...queueUrls, 'ledger-posting': 'http://127.0.0.1:9/000000000000/l.fifo' }, env: {} });

  test('an invalid payload gives InvalidPayloadError naming the job type and each bad field', async () => {
    const error = await refused((client) => client.send('email-sending', { ...email, to: 'not-an-address', subject: '' }));
    expect(error).toBeInstanceOf(InvalidPayloadError);
    expect(error).toMatchObject({ code: 'JOBQ_INVALID_PAYLOAD', jobType: 'email-sending' });
    expect((error as Error).message).toMatch(/'email-sending' breaks its schema.*to: .*subject: .*Fix these fields/);
  });

  test('a payload of another job type (C20) fails the target job type’s schema', async () => {
    // Compile time rejects this (see types.test.ts); a caller that casts still cannot send it.
    const error = await refused((client) => client.send('email-sending', photo as never));
    expect(error).toMatchObject({ code: 'JOBQ_INVALID_PAYLOAD', jobType: 'email-sending' });
    expect((error as Error).message).toMatch(/to: .*subject: .*template: /);
  });

  test('a job type outside the registry gives UnknownJobTypeError listing the known ones', async () => {
    const error = await refused((client) => client.send('resize-image' as never, { key: 'img-1' } as never));
    expect(error).toBeInstanceOf(UnknownJobTypeError);
    expect(error).toMatchObject({ code: 'JOBQ_UNKNOWN_JOB_TYPE', jobType: 'resize-image' });
    expect((error as Error).message).toMatch(/'resize-image' is not in this client's registry \(known: 'email-sending', 'photo-resize', 'note', 'ledger-posting'\)/);
  });

  test('a missing queue URL gives MissingQueueUrlError naming the variable and how to set it', async () => {
    const error = await refused((client) => client.send('photo-resize', photo));
    expect(error).toBeInstanceOf(MissingQueueUrlError);
    expect(error).toMatchObject({ code: 'JOBQ_MISSING_QUEUE_URL', envVar: 'JOBQ_QUEUE_URL_PHOTO_RESIZE' });
    expect((error as Error).message).toMatch(/JOBQ_QUEUE_URL_PHOTO_RESIZE is not set.*grantSend\(fn\).*queueUrls: \{ 'photo-resize'/);
  });

  test('a FIFO job without a message group gives InvalidSendOptionsError', async () => {
    const error = await refused((client) => client.send('ledger-posting', { account: 'a', cents: 1 }));
    expect(error).toBeInstanceOf(InvalidSendOptionsError);
    expect((error as Error).message).toMatch(/messageGroupId for job type 'ledger-posting' is missing.*Pass messageGroupId/);
  });

  test.each([
    ['a delay on a FIFO job type', 'ledger-posting', { messageGroupId: 'g', delaySeconds: 5 }, /delaySeconds .*\(5 seconds\) is not allowed/],
    ['a delay over 900 seconds', 'email-sending', { delaySeconds: 901 }, /delaySeconds .*\(901 seconds\) must be an integer from 0 to 900/],
    ['a deduplication id on a standard job type', 'email-sending', { messageDeduplicationId: 'd' }, /messageDeduplicationId .*only applies to FIFO/],
    ['a group id of 129 characters', 'ledger-posting', { messageGroupId: 'g'.repeat(129) }, /messageGroupId .*must be 1 to 128 characters .*got 129/],
    ['a group id with a space', 'ledger-posting', { messageGroupId: 'a b' }, /messageGroupId .*\('a b'\) must be 1 to 128 characters/],
  ] as const)('%s gives InvalidSendOptionsError', async (_title, jobType, options, pattern) => {
    const payload = jobType === 'email-sending' ? email : { account: 'a', cents: 1 };
    const error = await refused((client) => client.send(jobType, payload as never, options));
    expect(error).toMatchObject({ code: 'JOBQ_INVALID_SEND_OPTIONS', jobType });
    expect((error as Error).message).toMatch(pattern);
  });

  test('a queue URL of the wrong kind gives QueueMismatchError', async () => {
    const before = requests.length;
    const client = createJobClient({ jobs: [emailSending], sqs, queueUrls: { 'email-sending': 'http://127.0.0.1:9/000000000000/e.fifo' } });
    await expect(client.send('email-sending', email)).rejects.toThrow(/'email-sending' is standard but its queue URL .* ends in '.fifo'/);
    await expect(client.send('email-sending', email)).rejects.toBeInstanceOf(QueueMismatchError);
    expect(requests.length).toBe(before);
  });
});

describe('size limit', () => {
  // The e-mail payload with a template of `n` characters, and its size as SQS counts it.
  const emailWith = (n: number) => ({ ...email, template: 'x'.repeat(n) });
  const sizeOf = (payload: unknown, jobType: string) => Buffer.byteLength(JSON.stringify(payload)) + jobTypeAttributeBytes(jobType);
  const overhead = sizeOf(emailWith(0), 'email-sending');

  test.each([
    ['1 byte under', -1, 'sent', true],
    ['exactly at', 0, 'sent', true],
    ['1 byte over', 1, 'refused', false],
  ])('a message %s SQS’s 1 MiB limit is %s', async (_title, delta, _outcome, accepted) => {
    const payload = emailWith(SQS_MAX_MESSAGE_BYTES - overhead + delta);
    expect(sizeOf(payload, 'email-sending')).toBe(SQS_MAX_MESSAGE_BYTES + delta);
    const queueUrl = await createQueue(sqs, 'big');
    const client = createJobClient({ jobs, sqs, queueUrls: { 'email-sending': queueUrl } });
    const before = requests.length;
    if (accepted) {
      await client.send('email-sending', payload);
      expect(await drainQueue(sqs, queueUrl)).toHaveLength(1);
    } else {
      const error = await client.send('email-sending', payload).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PayloadTooLargeError);
      expect(error).toMatchObject({ code: 'JOBQ_PAYLOAD_TOO_LARGE', jobType: 'email-sending', sizeBytes: 1_048_577, limitBytes: 1_048_576 });
      expect((error as Error).message).toMatch(/'email-sending' is 1048577 bytes .*over its limit of 1048576 bytes; nothing was sent\. Store the large part elsewhere/);
      expect(requests.length).toBe(before);
    }
  });

  test('a job type’s own maxMessageBytes is the limit for its jobs', async () => {
    const client = createJobClient({ jobs: [note], sqs, queueUrls: { note: 'http://127.0.0.1:9/000000000000/unused' } });
    const text = 'y'.repeat(4096);
    const error = await client.send('note', { text }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'JOBQ_PAYLOAD_TOO_LARGE', sizeBytes: sizeOf({ text }, 'note'), limitBytes: 4096 });
  });
});

describe('registry', () => {
  test('a definition keyed by another job type’s name is refused when the client is built', () => {
    expect(() => createJobClient({ jobs: { 'email-sending': photoResize } as never, sqs })).toThrow(
      /createJobClient: jobs\['email-sending'\] holds the definition of 'photo-resize'; key each definition by its own name/,
    );
  });
});

describe('queueUrl', () => {
  test('answers the explicit URL, else the environment variable, else MissingQueueUrlError', () => {
    const client = createJobClient({
      jobs,
      sqs,
      queueUrls: { 'email-sending': 'https://sqs.eu-west-1.amazonaws.com/123456789012/emails' },
      env: { JOBQ_QUEUE_URL_PHOTO_RESIZE: 'https://sqs.eu-west-1.amazonaws.com/123456789012/photos' },
    });
    expect(client.queueUrl('email-sending')).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/emails');
    expect(client.queueUrl('photo-resize')).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/photos');
    expect(() => client.queueUrl('video-transcoding')).toThrow(/No queue URL for job type 'video-transcoding': environment variable JOBQ_QUEUE_URL_VIDEO_TRANSCODING is not set/);
  });
});
