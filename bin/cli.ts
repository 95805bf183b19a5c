#!/usr/bin/env -S npx tsx
/** `jobq`: the operations CLI (`npm run jobq -- <verb>`, or `jobq <verb>` once installed). See lib/cli/program.ts. */
import { createInterface } from 'node:readline/promises';
import { runCli } from '../lib/cli/program.js';
import type { Io } from '../lib/cli/context.js';

const io: Io = {
  write: (text) => void process.stdout.write(text),
  writeError: (text) => void process.stderr.write(text),
  interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  async confirm(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
    } finally {
      rl.close();
    }
  },
  async readStdin() {
    if (process.stdin.isTTY) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

process.exitCode = await runCli(process.argv.slice(2), { io, env: process.env });
