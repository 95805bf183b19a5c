/**
 * The seed's stack: one `JobQueue` per job type of the registry, each tuned for its worker, and the
 * three producer services, each an IAM role granted send on exactly the queues it uses.
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { JobQueuesDashboard } from '../constructs/dashboard.js';
import { JobQueue } from '../constructs/job-queue.js';
import type { JobQueueProps } from '../constructs/job-queue-props.js';
import { emailSending, jobs, photoResize, videoTranscoding, type JobType } from '../jobs/index.js';

/** Where each seed job type's worker handler lives. */
export function workerEntryFor(jobType: string): string {
  return fileURLToPath(new URL(`../../lambda/workers/${jobType}.ts`, import.meta.url));
}

type Tuning = Omit<JobQueueProps, 'job' | 'jobType' | 'fifo' | 'workerEntry' | 'worker'>;

/** Each job type tuned for its worker: minutes and few big workers for video, seconds and many for e-mail. */
export const SEED_TUNING: Record<JobType, Tuning> = {
  [videoTranscoding.name]: {
    workerTimeout: Duration.minutes(10),
    workerMemorySize: 3008,
    batchSize: 1,
    maxConcurrency: 2,
    maxReceiveCount: 3,
  },
  [photoResize.name]: {
    workerTimeout: Duration.seconds(30),
    workerMemorySize: 1024,
    batchSize: 5,
    maxConcurrency: 10,
  },
  [emailSending.name]: {
    workerTimeout: Duration.seconds(10),
    workerMemorySize: 256,
    batchSize: 10,
    maxBatchingWindow: Duration.seconds(5),
    maxConcurrency: 50,
  },
};

/** The seed's producer services and the job types each one sends. */
export const SEED_PRODUCERS = {
  UploadService: { description: 'Upload service: sends video and photo jobs', jobTypes: [videoTranscoding.name, photoResize.name] },
  AdminDashboard: { description: 'Admin dashboard: sends e-mail jobs', jobTypes: [emailSending.name] },
  BatchImport: {
    description: 'Batch import tool: sends all three job types',
    jobTypes: [videoTranscoding.name, photoResize.name, emailSending.name],
  },
} as const satisfies Record<string, { description: string; jobTypes: readonly JobType[] }>;

export class JobQueuesStack extends Stack {
  /** The stack's job queues, by job type. */
  public readonly jobQueues: ReadonlyMap<JobType, JobQueue>;
  /** The producer roles, by service name. */
  public readonly producers: ReadonlyMap<keyof typeof SEED_PRODUCERS, iam.Role>;
  /** The operations dashboard of all job types. */
  public readonly dashboard: JobQueuesDashboard;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const jobQueues = new Map<JobType, JobQueue>();
    for (const [jobType, tuning] of Object.entries(SEED_TUNING) as [JobType, Tuning][]) {
      jobQueues.set(jobType, new JobQueue(this, jobType, { job: jobs[jobType], workerEntry: workerEntryFor(jobType), ...tuning }));
    }
    const producers = new Map<keyof typeof SEED_PRODUCERS, iam.Role>();
    for (const [name, producer] of Object.entries(SEED_PRODUCERS) as [keyof typeof SEED_PRODUCERS, (typeof SEED_PRODUCERS)[keyof typeof SEED_PRODUCERS]][]) {
      const role = new iam.Role(this, name, {
        description: producer.description,
        // Stands for the service: anything in this account that the account lets assume it.
        assumedBy: new iam.AccountRootPrincipal(),
      });
      for (const jobType of producer.jobTypes) jobQueues.get(jobType)!.grantSend(role);
      producers.set(name, role);
    }
    this.jobQueues = jobQueues;
    this.producers = producers;
    // One dashboard for every job type; their alarms already share the stack's one alarm topic.
    this.dashboard = new JobQueuesDashboard(this, 'Dashboard', { jobQueues: [...jobQueues.values()] });
  }
}
