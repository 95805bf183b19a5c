/** Test apps and stacks that carry the same context (feature flags) as cdk.json. */
import { App, Stack } from 'aws-cdk-lib';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_CONTEXT, cdkJsonContext } from '../../lib/app/seed-app.js';

/**
 * Scratch space inside the checkout (git-ignored). Assemblies live here rather than in the OS temp dir
 * so that bundled workers, whose `@aws-sdk/*` imports are external, resolve them from the project's
 * node_modules when a test runs them.
 */
export const SCRATCH_DIR = fileURLToPath(new URL('../../.tmp/', import.meta.url));

/** A fresh folder under the scratch space. */
export function scratchDir(prefix: string): string {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  return mkdtempSync(join(SCRATCH_DIR, prefix));
}

/** A fresh app with cdk.json's context, writing its assembly to a fresh scratch folder. */
export function testApp(context: Record<string, unknown> = {}): App {
  return new App({ context: { ...CLI_CONTEXT, ...cdkJsonContext(), ...context }, outdir: scratchDir('cdk-out-') });
}

/** A fresh stack in a fresh test app. */
export function testStack(id = 'TestStack', context: Record<string, unknown> = {}): Stack {
  return new Stack(testApp(context), id);
}

/** A small worker file for construct tests (bundles in milliseconds). */
export const FIXTURE_WORKER = fileURLToPath(new URL('../fixtures/noop-worker.ts', import.meta.url));
