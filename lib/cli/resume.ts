/** `jobq resume <jobType>`: enables the worker's event source mapping again. */
import type { Context } from './context.js';
import { setWorkerEnabled } from './event-source-mapping.js';

export function resume(ctx: Context, jobType: string): Promise<number> {
  return setWorkerEnabled(ctx, jobType, true);
}
