/**
 * Compile-time contract of the producer client (C20, producer side): the payload's type follows the
 * job type. The `@ts-expect-error` lines are checked by `tsc --noEmit` (npm run typecheck): each must
 * be a type error, or the build fails. Nothing here touches the network.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expectTypeOf, test } from 'vitest';
import { createJobClient, type Job, type JobOutcome, type PayloadFor, type SentJob } from '../../lib/client/index.js';
import { jobs, photoResize, type JobType } from '../../lib/jobs/index.js';
import { auditLog } from './jobs.js';

const sqs = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const client = createJobClient({ jobs, sqs, queueUrls: {} });

describe('payload types follow the job type', () => {
  test('each job type of the registry takes exactly its own payload type', () => {
    expectTypeOf<PayloadFor<typeof jobs, 'email-sending'>>().toEqualTypeOf<{ to: string; subject: string; template: string; variables: Record<string, string> }>();
    expectTypeOf<PayloadFor<typeof jobs, 'photo-resize'>>().toEqualTypeOf<{ photoId: string; sourceKey: string; width: number; height: number; targetWidths: number[] }>();
    expectTypeOf<Parameters<typeof client.send<'photo-resize'>>[1]>().toEqualTypeOf<PayloadFor<typeof jobs, 'photo-resize'>>();
    expectTypeOf(client.send).returns.resolves.toEqualTypeOf<SentJob>();
    expectTypeOf(client.sendMany).returns.resolves.toEqualTypeOf<JobOutcome[]>();
  });

  test('the job types are exactly the registry’s, given as an object or a list', () => {
    expectTypeOf<Parameters<typeof client.send>[0]>().toEqualTypeOf<JobType>();
    const listed = createJobClient({ jobs: [photoResize, auditLog], sqs });
    expectTypeOf<Parameters<typeof listed.send>[0]>().toEqualTypeOf<'photo-resize' | 'audit-log'>();
    expectTypeOf<Job<[typeof photoResize, typeof auditLog]>['jobType']>().toEqualTypeOf<'photo-resize' | 'audit-log'>();
  });

  test('sending one job type’s payload as another does not compile', () => {
    const photo = { photoId: 'p', sourceKey: 'k', width: 1, height: 1, targetWidths: [1] };
    // Type-only: these calls are never run.
    const neverRun = () => {
      // @ts-expect-error a photo-resize payload is not an email-sending payload
      void client.send('email-sending', photo);
      // @ts-expect-error 'resize-image' is not a job type of the registry
      void client.send('resize-image', { key: 'img-1' });
      // @ts-expect-error a missing required field
      void client.send('photo-resize', { photoId: 'p', sourceKey: 'k', width: 1, height: 1 });
      // @ts-expect-error in a many-jobs send the payload also follows its job type
      void client.sendMany([{ jobType: 'video-transcoding', payload: photo }]);
      // @ts-expect-error a registry keyed by another job type's name
      createJobClient({ jobs: { 'email-sending': photoResize } });
      void client.sendMany([{ jobType: 'photo-resize', payload: photo }]);
      // The README's many-jobs send: a mapped list, the job type narrowed with `as const`.
      void client.sendMany(['ada', 'bob'].map((name) => ({ jobType: 'email-sending' as const, payload: { to: `${name}@example.com`, subject: 'Hi', template: 'Hi', variables: {} } })));
    };
    expectTypeOf(neverRun).toBeFunction();
  });
});
