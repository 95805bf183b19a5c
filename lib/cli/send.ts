/** `jobq send <jobType> [payload]`: validates a payload with the job's schema and sends it. */
import { readFile } from 'node:fs/promises';
import { jobs } from '../jobs/index.js';
import type { Context } from './context.js';
import { findJobType } from './discover.js';
import { CliError, toCliError } from './errors.js';
import { sendJob } from './send-job.js';

export interface SendOptions {
  readonly file?: string;
  readonly groupId?: string;
  readonly dedupId?: string;
  /** False with `--no-validate`: for job types outside this project's registry. */
  readonly validate: boolean;
}

export async function send(ctx: Context, jobType: string, payloadArg: string | undefined, options: SendOptions): Promise<number> {
  const text = await payloadText(ctx, payloadArg, options.file);
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new CliError('INVALID_JSON', `The payload for '${jobType}' is not valid JSON (${(error as Error).message}); pass a JSON object.`);
  }
  if (options.validate) validate(jobType, payload);
  const target = await findJobType(ctx, jobType);
  if (target.fifo && !options.groupId) {
    throw new CliError('MISSING_GROUP_ID', `Job type '${jobType}' is FIFO: pass --group-id <id> (jobs of one group run in order, one at a time).`);
  }
  let messageId: string;
  try {
    messageId = await sendJob(ctx.clients.sqs, {
      queueUrl: target.queueUrl,
      jobType,
      payload,
      fifo: target.fifo,
      messageGroupId: options.groupId,
      messageDeduplicationId: options.dedupId,
    });
  } catch (error) {
    throw toCliError(error, `Sending a '${jobType}' job`);
  }
  ctx.out.result(`Sent a '${jobType}' job: message id ${messageId}`, { jobType, messageId, queueUrl: target.queueUrl });
  return 0;
}

async function payloadText(ctx: Context, arg: string | undefined, file: string | undefined): Promise<string> {
  if (arg !== undefined && file !== undefined) {
    throw new CliError('USAGE', 'Pass the payload either as an argument or with --file, not both.');
  }
  if (arg !== undefined) return arg;
  if (file !== undefined) {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new CliError('USAGE', `Cannot read the payload file '${file}': ${(error as Error).message}.`);
    }
  }
  const stdin = await ctx.io.readStdin();
  if (stdin === undefined || stdin.trim() === '') {
    throw new CliError('NO_PAYLOAD', "No payload: pass it as an argument ('{\"key\":\"value\"}'), with --file <path>, or on standard input.");
  }
  return stdin;
}

function validate(jobType: string, payload: unknown): void {
  const job = (jobs as Record<string, (typeof jobs)[keyof typeof jobs] | undefined>)[jobType];
  if (!job) {
    throw new CliError(
      'UNKNOWN_SCHEMA',
      `Job type '${jobType}' has no schema in this project's registry (lib/jobs: ${Object.keys(jobs).join(', ')}); add it there, or pass --no-validate to send unchecked.`,
    );
  }
  const result = job.schema.safeParse(payload);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `- ${i.path.length > 0 ? i.path.join('.') : '(payload)'}: ${i.message}`);
    throw new CliError('INVALID_PAYLOAD', `The payload does not match the '${jobType}' schema; nothing was sent:\n${problems.join('\n')}`);
  }
}
