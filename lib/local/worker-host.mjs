// Runs one bundled Lambda worker inside a worker thread, as one Lambda execution environment: loads
// the handler module once (the init phase), then answers one invocation at a time. Plain JavaScript on
// purpose: it runs the synthesized bundle exactly as Lambda's Node.js runtime would, with no TypeScript
// loader in between. The parent (worker-pool.ts) enforces the timeout by terminating the thread.
import dns from 'node:dns';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

// The emulator's queue URLs live on `sqs.<region>.localhost:<port>`; resolve `*.localhost` to loopback
// here, as DNS resolves a real queue URL's host for a deployed worker. Only this thread is affected.
const originalLookup = dns.lookup;
dns.lookup = (hostname, options, callback) => {
  if (typeof options === 'function') return dns.lookup(hostname, {}, options);
  if (typeof hostname === 'string' && hostname.endsWith('.localhost')) {
    return options?.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
  }
  return originalLookup(hostname, options, callback);
};

const { assetPath, handler, functionName, memorySize, region, timeScale } = workerData;

async function loadHandler() {
  const dot = handler.lastIndexOf('.');
  const file = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const candidates = ['.mjs', '.js', '.cjs'].map((ext) => join(assetPath, file + ext));
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`no ${file}.mjs, ${file}.js or ${file}.cjs in ${assetPath}`);
  const mod = await import(pathToFileURL(found).href);
  const fn = mod[exportName] ?? mod.default?.[exportName];
  if (typeof fn !== 'function') throw new Error(`${found} has no exported function '${exportName}'`);
  return fn;
}

function errorInfo(error) {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

let fn;
try {
  fn = await loadHandler();
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'init-error', error: errorInfo(error) });
}

parentPort.on('message', async (message) => {
  if (message.type !== 'invoke') return;
  const deadline = message.deadline;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memorySize),
    awsRequestId: message.requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    // In the topology's own units: under a time scale, a worker that keeps a safety margin before its
    // timeout (say 2 s) sees the unscaled budget it was configured with, not the shrunk one.
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) * timeScale,
    done() {},
    fail() {},
    succeed() {},
  };
  try {
    const response = await fn(message.event, context);
    parentPort.postMessage({ type: 'result', id: message.id, ok: true, response: response ?? null });
  } catch (error) {
    parentPort.postMessage({ type: 'result', id: message.id, ok: false, error: errorInfo(error) });
  }
});
