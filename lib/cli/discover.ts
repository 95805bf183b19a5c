/**
 * Finds each job type's queues: from the deployed stack's outputs (CloudFormation DescribeStacks), or
 * on a local endpoint by queue name (`<stack>-<jobType>`, `<stack>-<jobType>-dlq`, `.fifo` for FIFO).
 */
import { DescribeStacksCommand, type Output as StackOutput } from '@aws-sdk/client-cloudformation';
import { GetQueueAttributesCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import type { Context } from './context.js';
import { CliError, toCliError } from './errors.js';

/** One job type's queues. */
export interface JobTypeQueues {
  readonly jobType: string;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly deadLetterQueueUrl: string;
  readonly deadLetterQueueArn: string;
  readonly fifo: boolean;
}

const OUTPUT_SUFFIXES = ['DeadLetterQueueUrl', 'DeadLetterQueueArn', 'QueueUrl', 'QueueArn'] as const;
type OutputSuffix = (typeof OUTPUT_SUFFIXES)[number];

/** Every job type of the stack (or local prefix), sorted by name. */
export async function discoverJobTypes(ctx: Context): Promise<JobTypeQueues[]> {
  const found = ctx.options.endpoint !== undefined ? await fromLocalEndpoint(ctx) : await fromStackOutputs(ctx);
  return found.sort((a, b) => a.jobType.localeCompare(b.jobType));
}

/** One job type's queues, or a `JOB_TYPE_NOT_FOUND` error listing the job types there are. */
export async function findJobType(ctx: Context, jobType: string): Promise<JobTypeQueues> {
  const all = await discoverJobTypes(ctx);
  const match = all.find((j) => j.jobType === jobType);
  if (match) return match;
  const where = ctx.options.endpoint ? `on ${ctx.options.endpoint} (queues named '${ctx.options.stack}-…')` : `in stack '${ctx.options.stack}'`;
  const known = all.length > 0 ? `job types there: ${all.map((j) => j.jobType).join(', ')}` : 'it has no job types';
  throw new CliError('JOB_TYPE_NOT_FOUND', `Job type '${jobType}' was not found ${where}; ${known}. Run \`jobq list\` to see them.`);
}

async function fromStackOutputs(ctx: Context): Promise<JobTypeQueues[]> {
  const { stack } = ctx.options;
  let outputs: StackOutput[];
  try {
    const response = await ctx.clients.cloudformation.send(new DescribeStacksCommand({ StackName: stack }));
    outputs = response.Stacks?.[0]?.Outputs ?? [];
  } catch (error) {
    if (error instanceof Error && /does not exist/.test(error.message)) {
      throw new CliError(
        'STACK_NOT_FOUND',
        `Stack '${stack}' does not exist in this account and region. Deploy it with \`npx cdk deploy\`, pass its name with --stack, set --region, or use --endpoint for a local emulator.`,
        { cause: error },
      );
    }
    throw toCliError(error, `Reading stack '${stack}'`);
  }
  const byJobType = new Map<string, Partial<Record<OutputSuffix, string>>>();
  for (const output of outputs) {
    const key = output.OutputKey ?? '';
    const suffix = OUTPUT_SUFFIXES.find((s) => key.endsWith(s));
    if (!suffix || output.OutputValue === undefined) continue;
    const jobType = /^Job type '([^']+)'/.exec(output.Description ?? '')?.[1] ?? kebabCase(key.slice(0, -suffix.length));
    byJobType.set(jobType, { ...byJobType.get(jobType), [suffix]: output.OutputValue });
  }
  const result: JobTypeQueues[] = [];
  for (const [jobType, o] of byJobType) {
    if (!o.QueueUrl || !o.QueueArn || !o.DeadLetterQueueUrl || !o.DeadLetterQueueArn) continue;
    result.push({
      jobType,
      queueUrl: o.QueueUrl,
      queueArn: o.QueueArn,
      deadLetterQueueUrl: o.DeadLetterQueueUrl,
      deadLetterQueueArn: o.DeadLetterQueueArn,
      fifo: o.QueueUrl.endsWith('.fifo'),
    });
  }
  if (result.length === 0) {
    throw new CliError(
      'STACK_NOT_FOUND',
      `Stack '${stack}' has no job-type outputs (<JobType>QueueUrl, …). Pass the stack that holds your JobQueues with --stack.`,
    );
  }
  return result;
}

async function fromLocalEndpoint(ctx: Context): Promise<JobTypeQueues[]> {
  const prefix = `${ctx.options.stack}-`;
  const urls: string[] = [];
  try {
    let NextToken: string | undefined;
    do {
      const page = await ctx.clients.sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, NextToken, MaxResults: 1000 }));
      urls.push(...(page.QueueUrls ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (error) {
    throw toCliError(error, `Listing queues on ${ctx.options.endpoint}`);
  }
  const byName = new Map(urls.map((url) => [url.slice(url.lastIndexOf('/') + 1), url]));
  const result: JobTypeQueues[] = [];
  for (const [name, queueUrl] of byName) {
    const fifo = name.endsWith('.fifo');
    const base = fifo ? name.slice(0, -'.fifo'.length) : name;
    if (base.endsWith('-dlq')) continue;
    const deadLetterQueueUrl = byName.get(`${base}-dlq${fifo ? '.fifo' : ''}`);
    if (!deadLetterQueueUrl) continue;
    const [queueArn, deadLetterQueueArn] = await Promise.all([queueArnOf(ctx, queueUrl), queueArnOf(ctx, deadLetterQueueUrl)]);
    result.push({ jobType: base.slice(prefix.length), queueUrl, queueArn, deadLetterQueueUrl, deadLetterQueueArn, fifo });
  }
  if (result.length === 0) {
    throw new CliError(
      'STACK_NOT_FOUND',
      `No job queues named '${prefix}<jobType>' with a '-dlq' partner on ${ctx.options.endpoint}. Start the local runtime (\`npm start\`) and keep it running, or pass the queue-name prefix with --stack.`,
    );
  }
  return result;
}

async function queueArnOf(ctx: Context, queueUrl: string): Promise<string> {
  const response = await ctx.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return response.Attributes?.QueueArn ?? '';
}

/** `EmailSending` → `email-sending`, for outputs without our description. */
function kebabCase(pascal: string): string {
  return pascal.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
