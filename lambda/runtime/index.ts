/** The worker runtime's public entry point: import from here in your own worker files. */
export { defineWorker, parsePayload } from './define-worker.js';
export type { JobContext, JobHandler } from './define-worker.js';
export { InvalidJobError } from './errors.js';
export type { InvalidJobReason } from './errors.js';
