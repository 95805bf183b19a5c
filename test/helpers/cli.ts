/** Runs the real `jobq` in-process with a captured terminal. */
import { runCli } from '../../lib/cli/program.js';
import type { Clients, GlobalOptions, Io } from '../../lib/cli/context.js';

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (for `--json` runs). */
  json<T = unknown>(): T;
}

export interface RunOptions {
  readonly stdin?: string;
  /** Answers to confirmation questions; presence makes the terminal interactive. */
  readonly answers?: boolean[];
  readonly clients?: (options: GlobalOptions) => Clients;
}

export async function jobq(argv: readonly string[], options: RunOptions = {}): Promise<CliRun & { questions: string[] }> {
  let stdout = '';
  let stderr = '';
  const questions: string[] = [];
  const answers = [...(options.answers ?? [])];
  const io: Io = {
    write: (t) => void (stdout += t),
    writeError: (t) => void (stderr += t),
    interactive: options.answers !== undefined,
    confirm: async (q) => {
      questions.push(q);
      return answers.shift() ?? false;
    },
    readStdin: async () => options.stdin,
  };
  const exitCode = await runCli(argv, { io, clients: options.clients, env: {} });
  return { exitCode, stdout, stderr, questions, json: <T>() => JSON.parse(stdout) as T };
}
