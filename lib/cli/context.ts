/**
 * What every verb gets: the global options, the AWS clients (real SDK clients, pointed at AWS or at a
 * local endpoint) and the terminal.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_REGION } from './defaults.js';
import type { Output } from './output.js';

/** Options every verb accepts. */
export interface GlobalOptions {
  /** The deployed stack (or, locally, the queue-name prefix). */
  readonly stack: string;
  /** A local SQS endpoint (the local runtime's emulator); unset means AWS. */
  readonly endpoint?: string;
  readonly region?: string;
  readonly json: boolean;
}

export interface Clients {
  readonly sqs: SQSClient;
  readonly cloudformation: CloudFormationClient;
  readonly lambda: LambdaClient;
  readonly cloudwatch: CloudWatchClient;
}

/** The terminal, injectable so tests drive the CLI in-process. */
export interface Io {
  write(text: string): void;
  writeError(text: string): void;
  /** Whether a human can answer questions and watch a progress bar. */
  readonly interactive: boolean;
  /** Asks a yes/no question; only called when `interactive`. */
  confirm(question: string): Promise<boolean>;
  /** All of standard input, or undefined when it is a terminal (nothing piped). */
  readStdin(): Promise<string | undefined>;
}

export interface Context {
  readonly options: GlobalOptions;
  readonly clients: Clients;
  readonly out: Output;
  readonly io: Io;
}

/** Real SDK clients: against a local endpoint with dummy credentials, or against AWS with the default chain. */
export function createClients(options: GlobalOptions): Clients {
  const local = options.endpoint !== undefined;
  const config = local
    ? {
        endpoint: options.endpoint,
        region: options.region ?? LOCAL_REGION,
        // The emulator checks no signature; never send real credentials to a local port.
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }
    : options.region !== undefined
      ? { region: options.region }
      : {};
  return {
    sqs: new SQSClient(config),
    cloudformation: new CloudFormationClient(config),
    lambda: new LambdaClient(config),
    cloudwatch: new CloudWatchClient(config),
  };
}
