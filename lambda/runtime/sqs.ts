/**
 * The runtime's only two SQS calls. The SDK is imported on first use, not at module load: most
 * batches never need it, and a cold start should not pay to load it (Lambda provides `@aws-sdk/*`).
 * The client is reused across invocations like any SDK client; it holds connections, never job state.
 */
import { LOCAL_TIME_SCALE_ENV } from '../../lib/jobs/env.js';
import type { SendMessageCommandInput, SQSClient } from '@aws-sdk/client-sqs';

/** The part of an `SQSClient` the runtime uses (tests pass one pointed at the emulator). */
export type SqsSender = Pick<SQSClient, 'send'>;

let sdk: Promise<typeof import('@aws-sdk/client-sqs')> | undefined;
let defaultClient: Promise<SqsSender> | undefined;

function loadSdk(): Promise<typeof import('@aws-sdk/client-sqs')> {
  return (sdk ??= import('@aws-sdk/client-sqs'));
}

function clientOr(client: SqsSender | undefined): Promise<SqsSender> {
  return client ? Promise.resolve(client) : (defaultClient ??= loadSdk().then((m) => new m.SQSClient({})));
}

/** ChangeMessageVisibility: the message becomes visible again `seconds` from now (scaled locally). */
export async function changeVisibility(client: SqsSender | undefined, queueUrl: string, receiptHandle: string, seconds: number): Promise<void> {
  const { ChangeMessageVisibilityCommand } = await loadSdk();
  await (await clientOr(client)).send(
    new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: scaledSeconds(seconds) }),
  );
}

/**
 * `seconds` divided by the local runtime's time scale (whole seconds, rounded up; 0 stays 0). On Lambda
 * the variable is unset and `seconds` is returned as given.
 */
export function scaledSeconds(seconds: number, env: NodeJS.ProcessEnv = process.env): number {
  const factor = Number(env[LOCAL_TIME_SCALE_ENV]);
  return Number.isFinite(factor) && factor > 1 ? Math.ceil(seconds / factor) : seconds;
}

/** SendMessage, for dead-lettering a job. */
export async function sendMessage(client: SqsSender | undefined, input: SendMessageCommandInput): Promise<void> {
  const { SendMessageCommand } = await loadSdk();
  await (await clientOr(client)).send(new SendMessageCommand(input));
}

/** `arn:aws:sqs:eu-west-1:123456789012:name` → its queue URL (the fallback when JOBQ_QUEUE_URL is unset). */
export function queueUrlFromArn(arn: string): string | undefined {
  const [, partition, service, region, account, name] = arn.split(':');
  if (service !== 'sqs' || !region || !account || !name) return undefined;
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
}
