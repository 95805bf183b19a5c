/**
 * The jobs `npm start` has the seed's three producers send: a realistic mix, plus three that cannot
 * succeed, each for a different reason, so the DLQ has something to show.
 */
import type { PayloadOf } from '../../jobs/define-job.js';
import { emailSending, photoResize, videoTranscoding } from '../../jobs/index.js';

export interface DemoJob {
  /** The producer service sending it (a seed producer role). */
  readonly producer: 'UploadService' | 'AdminDashboard' | 'BatchImport';
  /** The job type whose queue it is sent to. */
  readonly queueJobType: string;
  /** The job type it claims in its `jobType` attribute. */
  readonly jobType: string;
  readonly payload: unknown;
  /** Why this job is in the demo, when it is not an ordinary one. */
  readonly note?: 'always fails' | 'poison' | 'wrong queue';
}

const video = (i: number): PayloadOf<typeof videoTranscoding> => ({
  videoId: `vid-${1000 + i}`,
  sourceKey: `uploads/videos/vid-${1000 + i}.mov`,
  durationSeconds: 30 + ((i * 97) % 900),
  renditions: i % 2 === 0 ? ['1080p', '720p', '360p'] : ['720p', '480p'],
});

const photo = (i: number): PayloadOf<typeof photoResize> => ({
  photoId: `img-${2000 + i}`,
  sourceKey: `uploads/photos/img-${2000 + i}.jpg`,
  width: 3000 + ((i * 131) % 3000),
  height: 2000 + ((i * 71) % 2000),
  targetWidths: [160, 640, 1280],
});

const email = (i: number, kind: string): PayloadOf<typeof emailSending> => ({
  to: `user${i}@example.com`,
  subject: `${kind} #${i}`,
  template: 'Hello {{name}}, {{message}}',
  variables: { name: `User ${i}`, message: `${kind.toLowerCase()} ${i} is ready.` },
});

const ordinary = (producer: DemoJob['producer'], jobType: string, count: number, make: (i: number) => unknown, offset = 0): DemoJob[] =>
  Array.from({ length: count }, (_, i) => ({ producer, queueJobType: jobType, jobType, payload: make(offset + i) }));

/** The demo's jobs, in sending order. */
export function seedDemoJobs(): DemoJob[] {
  return [
    ...ordinary('UploadService', videoTranscoding.name, 3, video),
    ...ordinary('UploadService', photoResize.name, 12, photo),
    ...ordinary('AdminDashboard', emailSending.name, 15, (i) => email(i, 'Password reset')),
    {
      producer: 'AdminDashboard',
      queueJobType: emailSending.name,
      jobType: emailSending.name,
      // A recipient under .invalid (RFC 2606: never resolves): the worker's mail hand-off fails transiently
      // on every attempt, so the job is retried with backoff until maxReceiveCount sends it to the DLQ.
      payload: { ...email(99, 'Invoice'), to: 'billing@mail.invalid' },
      note: 'always fails',
    },
    ...ordinary('BatchImport', videoTranscoding.name, 1, video, 3),
    ...ordinary('BatchImport', photoResize.name, 8, photo, 12),
    ...ordinary('BatchImport', emailSending.name, 10, (i) => email(i, 'Import report'), 15),
    {
      producer: 'BatchImport',
      queueJobType: photoResize.name,
      jobType: photoResize.name,
      payload: { ...photo(50), width: -1 },
      note: 'poison',
    },
    {
      producer: 'BatchImport',
      queueJobType: photoResize.name,
      jobType: emailSending.name,
      payload: email(51, 'Welcome'),
      note: 'wrong queue',
    },
  ];
}

/**
 * The time scale that makes the slowest failing demo job reach its DLQ in about `targetSeconds`:
 * maxReceiveCount × visibility timeout of the slowest job type that gets one.
 */
export function demoTimeScale(
  jobs: readonly DemoJob[],
  topology: readonly { jobType: string; maxReceiveCount: number; queue: { visibilityTimeoutSeconds: number } }[],
  targetSeconds: number,
): number {
  const failingTypes = new Set(jobs.filter((j) => j.note).map((j) => j.queueJobType));
  const slowest = Math.max(1, ...topology.filter((t) => failingTypes.has(t.jobType)).map((t) => t.maxReceiveCount * t.queue.visibilityTimeoutSeconds));
  return Math.max(1, Math.ceil(slowest / targetSeconds));
}
