/**
 * The one place `jobq` writes to the terminal: human tables by default, JSON with `--json`, errors,
 * and the progress bar.
 */
import { formatTable } from '../output/table.js';
import type { Io } from './context.js';
import { CliError } from './errors.js';

const PROGRESS_WIDTH = 30;

export class Output {
  constructor(
    private readonly io: Io,
    /** Whether output is JSON for scripts. */
    public readonly json: boolean,
  ) {}

  /** A table for humans, or `value` as JSON. */
  table(header: readonly string[], rows: readonly (readonly string[])[], value: unknown): void {
    if (this.json) this.io.write(`${JSON.stringify(value, null, 2)}\n`);
    else this.io.write(`${rows.length === 0 ? '(none)' : formatTable(header, rows)}\n`);
  }

  /** One line for humans, or `value` as JSON. */
  result(line: string, value: unknown): void {
    this.io.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${line}\n`);
  }

  /** A note for humans (stderr, so it never mixes with JSON on stdout). */
  note(line: string): void {
    if (!this.json) this.io.writeError(`${line}\n`);
  }

  /** A failure: `jobq: CODE: message` for humans, `{"error":{code,message}}` with `--json`; both on stderr. */
  error(error: CliError): void {
    this.io.writeError(
      this.json ? `${JSON.stringify({ error: { code: error.code, message: error.message } })}\n` : `jobq: ${error.code}: ${error.message}\n`,
    );
  }

  /**
   * A progress bar on stderr for humans at a terminal; nothing otherwise. Call with the running count;
   * `done()` ends the line.
   */
  progress(label: string, total: number): { update(count: number): void; done(): void } {
    if (this.json || !this.io.interactive) return { update: () => undefined, done: () => undefined };
    const draw = (count: number) => {
      const ratio = total > 0 ? Math.min(count / total, 1) : 1;
      const filled = Math.round(ratio * PROGRESS_WIDTH);
      this.io.writeError(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(PROGRESS_WIDTH - filled)}] ${count}/${total}`);
    };
    draw(0);
    return { update: draw, done: () => this.io.writeError('\n') };
  }
}

/** `1700000000000` → ISO time; undefined stays `n/a`. */
export function formatTimestamp(epochMillis: string | number | undefined): string {
  if (epochMillis === undefined || epochMillis === '') return 'n/a';
  const date = new Date(Number(epochMillis));
  return Number.isNaN(date.getTime()) ? 'n/a' : date.toISOString();
}

/** Shortens a cell to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
