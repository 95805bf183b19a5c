/**
 * The embedded SQS emulator (fauxqs, in-process) bound to loopback only, plus SDK clients pointed at it.
 *
 * fauxqs mints queue URLs on `sqs.<region>.localhost:<port>`. Clients in this process pass the endpoint
 * explicitly, which makes the SDK send there whatever the queue URL's host; worker environments resolve
 * `*.localhost` to 127.0.0.1 themselves (see worker-host.mjs), as a deployed worker resolves its queue
 * URL's host through DNS.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { LocalRuntimeError } from './errors.js';

/** Region every local queue lives in (fauxqs's default; any region works with dummy credentials). */
export const LOCAL_REGION = 'us-east-1';
/** Dummy credentials: the emulator checks none, and the SDK refuses to sign without some. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface Emulator {
  /** `http://127.0.0.1:<port>`: pass as `endpoint` (or `AWS_ENDPOINT_URL_SQS`) to any SQS client. */
  readonly endpoint: string;
  readonly port: number;
  /** A new SQS client for the emulator. */
  client(): SQSClient;
  close(): Promise<void>;
}

/** Starts fauxqs on 127.0.0.1 (port 0 = any free port). A port in use is a `JOBQ_LOCAL_PORT_IN_USE` error. */
export async function startEmulator(port = 0): Promise<Emulator> {
  const app = buildApp({ logger: false });
  let endpoint: string;
  try {
    endpoint = await app.listen({ port, host: '127.0.0.1' });
  } catch (error) {
    await app.close().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new LocalRuntimeError(
        'JOBQ_LOCAL_PORT_IN_USE',
        `port ${port} on 127.0.0.1 is already in use, so the SQS emulator cannot listen there; stop what holds it or pass another --port (0 picks a free one).`,
        { cause: error },
      );
    }
    throw error;
  }
  const url = new URL(endpoint);
  const clients: SQSClient[] = [];
  return {
    endpoint: url.origin,
    port: Number(url.port),
    client() {
      const client = new SQSClient({ endpoint: url.origin, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      await app.close();
    },
  };
}
