/**
 * The `jobq` command line: commander parses argv and dispatches to one module per verb; every failure
 * becomes a stable error code and exit code (errors.ts). `runCli` runs in-process, so tests drive the
 * real CLI with their own terminal and clients.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createClients, type Clients, type Context, type GlobalOptions, type Io } from './context.js';
import { DEFAULT_FAILED_LIMIT, DEFAULT_MAX_REDRIVES, DEFAULT_STACK_NAME } from './defaults.js';
import { CliError, EXIT_CODES, toCliError } from './errors.js';
import { failed } from './failed.js';
import { list } from './list.js';
import { Output } from './output.js';
import { pause } from './pause.js';
import { purge } from './purge.js';
import { redrive } from './redrive.js';
import { resume } from './resume.js';
import { send } from './send.js';

export interface CliDeps {
  readonly io: Io;
  /** Builds the AWS clients from the global options; real SDK clients unless a test records them. */
  readonly clients?: (options: GlobalOptions) => Clients;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Runs `jobq` with `argv` (without the node and script paths); resolves to the exit code. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const env = deps.env ?? {};
  let exitCode: number = EXIT_CODES.ok;
  let json = argv.includes('--json');

  const program = new Command('jobq')
    .description('Inspect, send, redrive and pause the background jobs of a cdk-job-queues stack.')
    .addOption(new Option('--stack <name>', 'the deployed stack (locally: the queue-name prefix)').default(env.JOBQ_STACK ?? DEFAULT_STACK_NAME))
    .addOption(new Option('--endpoint <url>', 'a local SQS endpoint, e.g. the local runtime\'s emulator (default: AWS)').default(env.JOBQ_ENDPOINT))
    .option('--region <region>', 'AWS region (default: from your AWS configuration)')
    .option('--json', 'print JSON for scripts instead of tables', false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => deps.io.write(s), writeErr: (s) => deps.io.writeError(s) })
    .showHelpAfterError();

  const run = (verb: (ctx: Context, command: Command) => Promise<number>) => async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const options = command.optsWithGlobals() as GlobalOptions;
    json = options.json;
    const ctx: Context = {
      options,
      clients: (deps.clients ?? createClients)(options),
      out: new Output(deps.io, options.json),
      io: deps.io,
    };
    exitCode = await verb(ctx, command);
  };

  program
    .command('list')
    .description('one row per job type: visible, in flight, age of oldest, DLQ depth')
    .action(run((ctx) => list(ctx)));

  program
    .command('send')
    .description('validate a payload with the job\'s schema and send it')
    .argument('<jobType>')
    .argument('[payload]', 'the JSON payload (or use --file, or standard input)')
    .option('--file <path>', 'read the JSON payload from a file')
    .option('--group-id <id>', 'message group id (FIFO job types)')
    .option('--dedup-id <id>', 'deduplication id (FIFO job types; default: by content)')
    .option('--no-validate', 'send without checking the schema (job types outside lib/jobs)')
    .action(
      run((ctx, command) => {
        const [jobType, payload] = command.processedArgs as [string, string | undefined];
        const o = command.opts<{ file?: string; groupId?: string; dedupId?: string; validate: boolean }>();
        return send(ctx, jobType, payload, o);
      }),
    );

  program
    .command('failed')
    .description('show DLQ jobs with their failure reasons, without consuming them')
    .argument('<jobType>')
    .option('--limit <n>', 'most jobs to show', positiveInt, DEFAULT_FAILED_LIMIT)
    .action(run((ctx, command) => failed(ctx, command.processedArgs[0] as string, command.opts<{ limit: number }>())));

  program
    .command('redrive')
    .description('move DLQ jobs back to their queue (native move task on AWS; a copying move locally or with --copy)')
    .argument('<jobType>')
    .option('--rate <n>', 'native task: most jobs moved per second', positiveInt)
    .option('--status', 'native task: show the move tasks of this DLQ', false)
    .option('--cancel', 'native task: cancel the running move task', false)
    .option('--copy', 'copy jobs instead of the native task (keeps group ids and order, counts redrives)', false)
    .option('--max-redrives <n>', 'copy: hold jobs already redriven this many times', positiveInt, DEFAULT_MAX_REDRIVES)
    .action(
      run((ctx, command) =>
        redrive(ctx, command.processedArgs[0] as string, command.opts<{ copy: boolean; status: boolean; cancel: boolean; rate?: number; maxRedrives: number }>()),
      ),
    );

  program
    .command('purge')
    .description('delete every job on the queue (or with --dlq the DLQ); asks first')
    .argument('<jobType>')
    .option('--dlq', 'purge the DLQ instead of the queue', false)
    .option('-y, --yes', 'do not ask', false)
    .action(run((ctx, command) => purge(ctx, command.processedArgs[0] as string, command.opts<{ dlq: boolean; yes: boolean }>())));

  program
    .command('pause')
    .description('disable the worker\'s event source mapping; jobs wait on the queue')
    .argument('<jobType>')
    .action(run((ctx, command) => pause(ctx, command.processedArgs[0] as string)));

  program
    .command('resume')
    .description('enable the worker\'s event source mapping again')
    .argument('<jobType>')
    .action(run((ctx, command) => resume(ctx, command.processedArgs[0] as string)));

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; their exit code is 0.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    const cliError = toCliError(error, 'The command');
    new Output(deps.io, json).error(cliError);
    return cliError.exitCode;
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`'${value}' is not a whole number of at least 1.`);
  return n;
}

