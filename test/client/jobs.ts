/** Job definitions for client tests, besides the seed's registry. */
import * as z from 'zod/mini';
import { defineJob } from '../../lib/jobs/index.js';

/** A FIFO job type whose definition derives the message group from the payload. */
export const auditLog = defineJob({
  name: 'audit-log',
  description: 'Append an entry to a tenant’s audit log, in order per tenant.',
  fifo: true,
  schema: z.object({ tenantId: z.string().check(z.minLength(1)), entry: z.string() }),
  messageGroupId: (payload) => payload.tenantId,
});

/** A FIFO job type with no group derivation: every send must name the group. */
export const ledgerPosting = defineJob({
  name: 'ledger-posting',
  description: 'Post an amount to a ledger account.',
  fifo: true,
  schema: z.object({ account: z.string(), cents: z.int() }),
});

/** A job type with a small size limit, for packing and size tests. */
export const note = defineJob({
  name: 'note',
  description: 'A free-text note.',
  maxMessageBytes: 4096,
  schema: z.object({ text: z.string() }),
});

/** Bytes the `jobType` attribute adds to a message of this job type: name + data type + value. */
export function jobTypeAttributeBytes(jobType: string): number {
  return 'jobType'.length + 'String'.length + Buffer.byteLength(jobType);
}
