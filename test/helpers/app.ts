/** Test apps and stacks that carry the same context (feature flags) as cdk.json. */
import { App, Stack } from 'aws-cdk-lib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cdkJsonContext } from '../../lib/app/seed-app.js';

/** A fresh app with cdk.json's context, writing its assembly to a fresh temp folder. */
export function testApp(context: Record<string, unknown> = {}): App {
  return new App({
    context: { ...cdkJsonContext(), ...context },
    outdir: mkdtempSync(join(tmpdir(), 'cdk-job-queues-test-')),
  });
}

/** A fresh stack in a fresh test app. */
export function testStack(id = 'TestStack', context: Record<string, unknown> = {}): Stack {
  return new Stack(testApp(context), id);
}

/** A small worker file for construct tests (bundles in milliseconds). */
export const FIXTURE_WORKER = fileURLToPath(new URL('../fixtures/noop-worker.ts', import.meta.url));
