/** `jobq purge <jobType> [--dlq]`: deletes every job on the source queue (or the DLQ), after asking. */
import { PurgeQueueCommand } from '@aws-sdk/client-sqs';
import type { Context } from './context.js';
import { findJobType } from './discover.js';
import { CliError, toCliError } from './errors.js';
import { visibleCount } from './peek.js';

export async function purge(ctx: Context, jobType: string, options: { dlq: boolean; yes: boolean }): Promise<number> {
  const target = await findJobType(ctx, jobType);
  const which = options.dlq ? 'DLQ' : 'queue';
  const queueUrl = options.dlq ? target.deadLetterQueueUrl : target.queueUrl;
  if (!options.yes) {
    if (!ctx.io.interactive) {
      throw new CliError('CONFIRMATION_REQUIRED', `Purging deletes every job on the ${which} of '${jobType}' for good; pass --yes to confirm when no terminal can ask.`);
    }
    const count = await visibleCount(ctx.clients.sqs, queueUrl);
    const agreed = await ctx.io.confirm(`Delete all ${count} visible job(s) (and any in flight) on the ${which} of '${jobType}'? This cannot be undone.`);
    if (!agreed) throw new CliError('ABORTED', `Nothing was purged from the ${which} of '${jobType}'.`);
  }
  try {
    await ctx.clients.sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
  } catch (error) {
    if (error instanceof Error && error.name === 'PurgeQueueInProgress') {
      throw new CliError('PURGE_IN_PROGRESS', `The ${which} of '${jobType}' was purged in the last 60 seconds; SQS allows one purge a minute: try again shortly.`, {
        cause: error,
      });
    }
    throw toCliError(error, `Purging the ${which} of '${jobType}'`);
  }
  ctx.out.result(`Purged the ${which} of '${jobType}'.`, { jobType, purged: which });
  return 0;
}
