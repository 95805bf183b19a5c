/** `jobq pause <jobType>`: disables the worker's event source mapping; jobs wait on the queue. */
import type { Context } from './context.js';
import { setWorkerEnabled } from './event-source-mapping.js';

export function pause(ctx: Context, jobType: string): Promise<number> {
  return setWorkerEnabled(ctx, jobType, false);
}
