import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const clientDir = fileURLToPath(new URL('../../lib/client/', import.meta.url));
const importsByFile = readdirSync(clientDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => [file, [...readFileSync(`${clientDir}${file}`, 'utf8').matchAll(/^import[^;]*? from '([^']+)'/gms)].map((m) => m[1]!)] as const);

describe('import boundaries', () => {
  test('lib/client imports the AWS SDK and never aws-cdk-lib, constructs or lib/constructs', () => {
    const all = importsByFile.flatMap(([file, sources]) => sources.map((source) => `${file}: ${source}`));
    expect(all).toContain('job-client.ts: @aws-sdk/client-sqs');
    expect(all.filter((entry) => /: (aws-cdk-lib|constructs$|.*\/constructs\/)/.test(entry))).toEqual([]);
  });
});
