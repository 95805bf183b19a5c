import * as z from 'zod/mini';
import { defineJob } from './define-job.js';

export const emailSending = defineJob({
  name: 'email-sending',
  description: 'Render a templated e-mail and hand it to the mail service.',
  schema: z.object({
    to: z.email(),
    subject: z.string().check(z.minLength(1), z.maxLength(998)),
    /** Body template with `{{name}}` placeholders. */
    template: z.string().check(z.minLength(1)),
    variables: z.record(z.string(), z.string()),
  }),
});
