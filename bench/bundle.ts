/** Bundles a worker file exactly as `JobQueue` does (esbuild, ESM, node20, minified, `@aws-sdk/*` external). */
import { build, type Metafile } from 'esbuild';

export interface Bundle {
  readonly bytes: number;
  readonly code: string;
  /** Output bytes by source group (zod, runtime, registry, worker, Powertools, other). */
  readonly bytesBy: Readonly<Record<string, number>>;
}

const GROUPS: ReadonlyArray<[RegExp, string]> = [
  [/node_modules\/zod\//, 'zod'],
  [/node_modules\/@aws-lambda-powertools\//, 'powertools'],
  [/^lambda\/runtime\//, 'runtime'],
  [/^lib\/jobs\//, 'job definition'],
  [/^(lambda\/workers|bench\/baseline)\//, 'worker'],
];

export async function bundleWorker(entry: string): Promise<Bundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    outfile: 'index.mjs',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*'],
    banner: { js: "import{createRequire as __cjq}from'node:module';const require=__cjq(import.meta.url);" },
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'))!.text;
  return { bytes: Buffer.byteLength(code), code, bytesBy: group(result.metafile) };
}

function group(metafile: Metafile): Record<string, number> {
  const out: Record<string, number> = {};
  const [output] = Object.values(metafile.outputs);
  for (const [path, { bytesInOutput }] of Object.entries(output!.inputs)) {
    const name = GROUPS.find(([re]) => re.test(path))?.[1] ?? 'other';
    out[name] = (out[name] ?? 0) + bytesInOutput;
  }
  return out;
}
