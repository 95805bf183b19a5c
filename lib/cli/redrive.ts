/**
 * `jobq redrive <jobType>`: moves DLQ jobs back to the source queue. On AWS it starts the native move
 * task (StartMessageMoveTask; `--rate`, `--status`, `--cancel`); on a local endpoint, or with
 * `--copy`, it copies jobs (move-jobs.ts) and enforces the redrive limit.
 */
import {
  CancelMessageMoveTaskCommand,
  ListMessageMoveTasksCommand,
  StartMessageMoveTaskCommand,
  type ListMessageMoveTasksResultEntry,
} from '@aws-sdk/client-sqs';
import type { Context } from './context.js';
import { findJobType, type JobTypeQueues } from './discover.js';
import { CliError, toCliError } from './errors.js';
import { moveJobs } from './move-jobs.js';
import { formatTimestamp } from './output.js';
import { visibleCount } from './peek.js';

export interface RedriveOptions {
  readonly copy: boolean;
  readonly status: boolean;
  readonly cancel: boolean;
  /** Native task only: most jobs moved per second. */
  readonly rate?: number;
  /** Copy only: jobs redriven this many times stay in the DLQ. */
  readonly maxRedrives: number;
}

export async function redrive(ctx: Context, jobType: string, options: RedriveOptions): Promise<number> {
  const target = await findJobType(ctx, jobType);
  const local = ctx.options.endpoint !== undefined;
  if ((options.status || options.cancel) && (local || options.copy)) {
    throw new CliError(
      local ? 'NOT_SUPPORTED_LOCALLY' : 'USAGE',
      `--status and --cancel act on SQS's native move task, which ${local ? 'the local emulator lacks' : '--copy does not use'}; a copying redrive runs in the foreground: stop it with Ctrl-C.`,
    );
  }
  try {
    if (options.status) return await status(ctx, target);
    if (options.cancel) return await cancel(ctx, target);
    if (local || options.copy) return await copy(ctx, target, options);
    return await start(ctx, target, options);
  } catch (error) {
    throw toCliError(error, `Redriving '${jobType}'`);
  }
}

async function start(ctx: Context, target: JobTypeQueues, options: RedriveOptions): Promise<number> {
  const response = await ctx.clients.sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: target.deadLetterQueueArn,
      DestinationArn: target.queueArn,
      MaxNumberOfMessagesPerSecond: options.rate,
    }),
  );
  ctx.out.result(
    `Started moving the DLQ of '${target.jobType}' back to its queue${options.rate ? ` at up to ${options.rate} jobs/s` : ''}. Follow it with \`jobq redrive ${target.jobType} --status\`.`,
    { jobType: target.jobType, taskHandle: response.TaskHandle },
  );
  return 0;
}

async function status(ctx: Context, target: JobTypeQueues): Promise<number> {
  const tasks = await listTasks(ctx, target);
  ctx.out.table(
    ['status', 'moved', 'to move', 'started', 'rate (jobs/s)', 'failure'],
    tasks.map((t) => [
      t.Status ?? '',
      String(t.ApproximateNumberOfMessagesMoved ?? 0),
      String(t.ApproximateNumberOfMessagesToMove ?? 'n/a'),
      formatTimestamp(t.StartedTimestamp),
      String(t.MaxNumberOfMessagesPerSecond ?? 'max'),
      t.FailureReason ?? '',
    ]),
    { jobType: target.jobType, tasks },
  );
  return 0;
}

async function cancel(ctx: Context, target: JobTypeQueues): Promise<number> {
  const running = (await listTasks(ctx, target)).find((t) => t.Status === 'RUNNING');
  if (!running?.TaskHandle) {
    throw new CliError('NO_RUNNING_MOVE_TASK', `No move task is running for the DLQ of '${target.jobType}'; see \`jobq redrive ${target.jobType} --status\`.`);
  }
  const response = await ctx.clients.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: running.TaskHandle }));
  ctx.out.result(`Cancelled the move task of '${target.jobType}' after ${response.ApproximateNumberOfMessagesMoved ?? 0} jobs.`, {
    jobType: target.jobType,
    moved: response.ApproximateNumberOfMessagesMoved ?? 0,
  });
  return 0;
}

async function listTasks(ctx: Context, target: JobTypeQueues): Promise<ListMessageMoveTasksResultEntry[]> {
  const response = await ctx.clients.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: target.deadLetterQueueArn, MaxResults: 10 }));
  return response.Results ?? [];
}

async function copy(ctx: Context, target: JobTypeQueues, options: RedriveOptions): Promise<number> {
  const total = await visibleCount(ctx.clients.sqs, target.deadLetterQueueUrl);
  const bar = ctx.out.progress(`Redriving '${target.jobType}'`, total);
  const result = await moveJobs(ctx.clients.sqs, {
    fromUrl: target.deadLetterQueueUrl,
    toUrl: target.queueUrl,
    fifo: target.fifo,
    maxRedrives: options.maxRedrives,
    onProgress: bar.update,
  }).finally(bar.done);
  ctx.out.result(`Moved ${result.moved} job(s) of '${target.jobType}' back to its queue; ${result.held.length} held in the DLQ.`, {
    jobType: target.jobType,
    ...result,
  });
  if (result.held.length === 0) return 0;
  if (!ctx.out.json) ctx.out.table(['message id', 'held because', 'detail'], result.held.map((h) => [h.messageId, h.reason, h.detail]), null);
  throw new CliError(
    'REDRIVE_INCOMPLETE',
    `${result.held.length} job(s) of '${target.jobType}' stayed in the DLQ (listed above); read them with \`jobq failed ${target.jobType}\`.`,
  );
}
