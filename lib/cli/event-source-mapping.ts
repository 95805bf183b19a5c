/**
 * Turns a job type's worker on or off by enabling or disabling its event source mapping(s), found with
 * Lambda ListEventSourceMappings by the source queue's ARN. Jobs keep arriving while paused; they wait
 * on the queue (mind its retention period and the age-of-oldest alarm).
 */
import { ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand, type EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';
import type { Context } from './context.js';
import { findJobType } from './discover.js';
import { CliError, toCliError } from './errors.js';

export async function setWorkerEnabled(ctx: Context, jobType: string, enabled: boolean): Promise<number> {
  const verb = enabled ? 'resume' : 'pause';
  if (ctx.options.endpoint !== undefined) {
    throw new CliError(
      'NOT_SUPPORTED_LOCALLY',
      `\`jobq ${verb}\` flips the worker's Lambda event source mapping, and a local endpoint has no Lambda API; stop or restart the local runtime instead.`,
    );
  }
  const target = await findJobType(ctx, jobType);
  try {
    const mappings: EventSourceMappingConfiguration[] = [];
    let Marker: string | undefined;
    do {
      const page = await ctx.clients.lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: target.queueArn, Marker }));
      mappings.push(...(page.EventSourceMappings ?? []));
      Marker = page.NextMarker;
    } while (Marker);
    if (mappings.length === 0) {
      throw new CliError('MAPPING_NOT_FOUND', `No event source mapping reads the queue of '${jobType}' (${target.queueArn}); is the stack fully deployed?`);
    }
    const updated = [];
    for (const mapping of mappings) {
      const response = await ctx.clients.lambda.send(new UpdateEventSourceMappingCommand({ UUID: mapping.UUID, Enabled: enabled }));
      updated.push({ uuid: mapping.UUID, functionArn: mapping.FunctionArn, state: response.State });
    }
    ctx.out.result(
      enabled
        ? `Resumed the worker of '${jobType}' (${updated.length} mapping(s) enabling); it drains the queue again.`
        : `Paused the worker of '${jobType}' (${updated.length} mapping(s) disabling); jobs wait on the queue until \`jobq resume ${jobType}\`.`,
      { jobType, enabled, mappings: updated },
    );
    return 0;
  } catch (error) {
    throw toCliError(error, `Trying to ${verb} the worker of '${jobType}'`);
  }
}
