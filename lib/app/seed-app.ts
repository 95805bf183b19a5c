/**
 * Builds the seed's CDK app: the `JobQueuesStack` with cdk-nag's AwsSolutions checks attached. Shared by
 * `bin/app.ts` (what `cdk synth` runs) and the tests, so both check the same thing.
 */
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JobQueuesStack } from './job-queues-stack.js';

/** The seed stack's name (and so the prefix of every physical name in it). */
export const SEED_STACK_NAME = 'CdkJobQueues';

/** The context (feature flags) in cdk.json; `new App()` outside the CLI does not read it. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(fileURLToPath(new URL('../../cdk.json', import.meta.url)), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/**
 * Context the CDK CLI sets on every `cdk synth`: construct paths and asset folders in resource metadata.
 * Apps built in-process (tests, tools) set it too, so their assemblies read like the CLI's.
 */
export const CLI_CONTEXT: Record<string, unknown> = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
};

export interface SeedApp {
  readonly app: App;
  readonly stack: JobQueuesStack;
}

/** The seed's app, with cdk.json's context merged under any `props.context`. */
export function buildSeedApp(props: AppProps = {}): SeedApp {
  const app = new App({ ...props, context: { ...CLI_CONTEXT, ...cdkJsonContext(), ...props.context } });
  const stack = new JobQueuesStack(app, SEED_STACK_NAME, {
    description: 'cdk-job-queues seed: one queue + DLQ + worker per job type',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
