/**
 * Real AWS SDK clients whose requests stop at the first middleware step: each command's name and input
 * are recorded and answered by the test's responder instead of AWS. For the AWS-only paths the emulator
 * lacks (message move tasks, Lambda event source mappings, CloudFormation, CloudWatch): the tests assert
 * the exact command inputs the CLI sends.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Clients } from '../../lib/cli/context.js';

export interface RecordedCall {
  readonly service: 'sqs' | 'cloudformation' | 'lambda' | 'cloudwatch';
  readonly command: string;
  readonly input: Record<string, unknown>;
}

/** Answers one command; throw to make the SDK call fail. */
export type Responder = (call: RecordedCall) => Record<string, unknown>;

interface MiddlewareClient {
  middlewareStack: { add(middleware: never, options: { step: 'initialize'; name: string }): void };
}

function record<T extends MiddlewareClient>(client: T, service: RecordedCall['service'], calls: RecordedCall[], respond: Responder): T {
  client.middlewareStack.add(
    ((_next: unknown, context: { commandName: string }) => async (args: { input: Record<string, unknown> }) => {
      const call = { service, command: context.commandName, input: args.input };
      calls.push(call);
      return { output: { $metadata: {}, ...respond(call) }, response: {} };
    }) as never,
    { step: 'initialize', name: 'recordAndAnswer' },
  );
  return client;
}

/** Clients for `runCli` that record every call into `calls`. */
export function recordedClients(respond: Responder): { clients: () => Clients; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const config = { region: 'eu-west-1', credentials: { accessKeyId: 'none', secretAccessKey: 'none' } };
  return {
    calls,
    clients: () => ({
      sqs: record(new SQSClient(config), 'sqs', calls, respond),
      cloudformation: record(new CloudFormationClient(config), 'cloudformation', calls, respond),
      lambda: record(new LambdaClient(config), 'lambda', calls, respond),
      cloudwatch: record(new CloudWatchClient(config), 'cloudwatch', calls, respond),
    }),
  };
}

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

/** What DescribeStacks returns for a deployed stack with the given job types, as JobQueue writes its outputs. */
export function stackOutputs(stack: string, jobTypes: readonly { jobType: string; fifo?: boolean }[]): Record<string, unknown> {
  const outputs = jobTypes.flatMap(({ jobType, fifo }) => {
    const pascal = jobType.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
    const ext = fifo ? '.fifo' : '';
    const q = `${stack}-${jobType}${ext}`;
    const d = `${stack}-${jobType}-dlq${ext}`;
    const entry = (suffix: string, value: string, what: string) => ({
      OutputKey: `${pascal}${suffix}`,
      OutputValue: value,
      Description: `Job type '${jobType}': ${what}`,
    });
    return [
      entry('QueueUrl', `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${q}`, 'queue URL'),
      entry('QueueArn', `arn:aws:sqs:${REGION}:${ACCOUNT}:${q}`, 'queue ARN'),
      entry('DeadLetterQueueUrl', `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${d}`, 'dead-letter queue URL'),
      entry('DeadLetterQueueArn', `arn:aws:sqs:${REGION}:${ACCOUNT}:${d}`, 'dead-letter queue ARN'),
    ];
  });
  return { Stacks: [{ StackName: stack, Outputs: outputs }] };
}

export const queueArn = (stack: string, jobType: string, dlq = false) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${stack}-${jobType}${dlq ? '-dlq' : ''}`;
