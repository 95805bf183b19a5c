/** `jobq list`: one row per job type — visible, in flight, age of oldest, DLQ depth. */
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { formatSeconds } from '../output/table.js';
import type { Context } from './context.js';
import { AGE_METRIC_WINDOW_SECONDS } from './defaults.js';
import { discoverJobTypes, type JobTypeQueues } from './discover.js';
import { toCliError } from './errors.js';

export interface ListRow {
  readonly jobType: string;
  readonly fifo: boolean;
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  /** Age of the oldest job on the source queue, or null where it cannot be known without consuming. */
  readonly ageOfOldestSeconds: number | null;
  readonly deadLetterVisible: number;
}

export async function list(ctx: Context): Promise<number> {
  const jobTypes = await discoverJobTypes(ctx);
  const ageProblems = new Set<string>();
  const rows = await Promise.all(jobTypes.map((j) => rowFor(ctx, j, ageProblems)));
  if (ctx.options.endpoint !== undefined) {
    ctx.out.note('Age of oldest is n/a locally: SQS has no such attribute, and peeking the source queue would count as a receive.');
  }
  for (const problem of ageProblems) ctx.out.note(`Age of oldest is n/a: CloudWatch GetMetricData failed (${problem}); grantOperate grants cloudwatch:GetMetricData.`);
  ctx.out.table(
    ['job type', 'visible', 'in flight', 'delayed', 'age of oldest', 'DLQ'],
    rows.map((r) => [
      r.fifo ? `${r.jobType} (FIFO)` : r.jobType,
      String(r.visible),
      String(r.inFlight),
      String(r.delayed),
      r.ageOfOldestSeconds === null ? 'n/a' : formatSeconds(r.ageOfOldestSeconds),
      String(r.deadLetterVisible),
    ]),
    rows,
  );
  return 0;
}

async function rowFor(ctx: Context, j: JobTypeQueues, ageProblems: Set<string>): Promise<ListRow> {
  // The age is a nice-to-have: a role without CloudWatch access still gets the counts.
  const age =
    ctx.options.endpoint === undefined
      ? ageOfOldest(ctx, j.queueUrl).catch((error: unknown) => {
          ageProblems.add(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
          return null;
        })
      : Promise.resolve(null);
  try {
    const [queue, dlq, ageSeconds] = await Promise.all([counts(ctx, j.queueUrl), counts(ctx, j.deadLetterQueueUrl), age]);
    return {
      jobType: j.jobType,
      fifo: j.fifo,
      visible: queue.visible,
      inFlight: queue.inFlight,
      delayed: queue.delayed,
      ageOfOldestSeconds: ageSeconds,
      deadLetterVisible: dlq.visible,
    };
  } catch (error) {
    throw toCliError(error, `Reading the queues of job type '${j.jobType}'`);
  }
}

async function counts(ctx: Context, queueUrl: string): Promise<{ visible: number; inFlight: number; delayed: number }> {
  const response = await ctx.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  const a = response.Attributes ?? {};
  return {
    visible: Number(a.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed ?? 0),
  };
}

/** The latest ApproximateAgeOfOldestMessage data point from CloudWatch; null when the queue reported none. */
async function ageOfOldest(ctx: Context, queueUrl: string): Promise<number | null> {
  const queueName = queueUrl.slice(queueUrl.lastIndexOf('/') + 1);
  const end = new Date();
  const response = await ctx.clients.cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(end.getTime() - AGE_METRIC_WINDOW_SECONDS * 1000),
      EndTime: end,
      ScanBy: 'TimestampDescending',
      MetricDataQueries: [
        {
          Id: 'age',
          MetricStat: {
            Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: queueName }] },
            Period: 60,
            Stat: 'Maximum',
          },
        },
      ],
    }),
  );
  const latest = response.MetricDataResults?.[0]?.Values?.[0];
  return latest === undefined ? null : Math.round(latest);
}
