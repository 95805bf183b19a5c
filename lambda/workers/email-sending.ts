/** Worker for `email-sending` jobs: renders the templated message that goes to the mail service. */
import { createHash } from 'node:crypto';
import type { PayloadOf } from '../../lib/jobs/define-job.js';
import { emailSending } from '../../lib/jobs/email-sending.js';
import { defineWorker, PermanentJobError } from '../runtime/index.js';

export interface RenderedEmail {
  readonly to: string;
  readonly subject: string;
  readonly bodyBytes: number;
  readonly bodySha256: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * Fills every `{{name}}` placeholder. A placeholder without a variable is never sent blank: it is a
 * permanent failure (the same message would fail on every retry), so the job goes straight to the DLQ.
 */
export function renderEmail(job: PayloadOf<typeof emailSending>): { body: string; summary: RenderedEmail } {
  const missing = new Set<string>();
  const body = job.template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = job.variables[name];
    if (value === undefined) missing.add(name);
    return value ?? '';
  });
  if (missing.size > 0) {
    throw new PermanentJobError(`template placeholders without a variable: ${[...missing].join(', ')}; add them to variables`);
  }
  return {
    body,
    summary: {
      to: job.to,
      subject: job.subject,
      bodyBytes: Buffer.byteLength(body, 'utf8'),
      bodySha256: createHash('sha256').update(body).digest('hex'),
    },
  };
}

/** Thrown when the recipient's mail host cannot be reached: retrying later may succeed. */
export class MailHostUnreachableError extends Error {
  constructor(domain: string) {
    super(`mail host for '${domain}' cannot be resolved; the job is retried with backoff`);
    this.name = 'MailHostUnreachableError';
  }
}

/**
 * Hands the rendered message to the mail service. The seed has no mail service, so this stand-in
 * accepts every recipient except those under `.invalid`, the top-level domain RFC 2606 reserves to
 * never resolve: like a real mail transfer agent, it treats an unresolvable host as a temporary
 * failure (retried), not a permanent one. That is the seed's "always fails transiently" job.
 */
export function deliver(email: RenderedEmail): RenderedEmail {
  const domain = email.to.slice(email.to.lastIndexOf('@') + 1).toLowerCase();
  if (domain === 'invalid' || domain.endsWith('.invalid')) throw new MailHostUnreachableError(domain);
  return email;
}

/** A mail service hiccup is retried after 10 s, 20 s, 40 s … (at most 5 minutes), not all at once. */
export const handler = defineWorker(emailSending, (payload) => deliver(renderEmail(payload).summary), {
  backoff: { baseSeconds: 10, maxSeconds: 300 },
});
