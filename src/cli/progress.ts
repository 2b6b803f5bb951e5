// Progress of long CLI work (ingest, tag, export) on standard error, drawn by cli-progress
// only when standard error is a terminal: piped or redirected runs, and CI, stay quiet.
import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';

// Loaded when a bar is drawn: piped runs (most runs of `stance tag`) never need it.
const load = (): typeof cliProgressModule => createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;

export interface Progress {
  /** Moves the bar on by `n` (default 1). */
  advance(n?: number): void;
  /** A line for the terminal that does not tear the bar (stdout lines go above it). */
  log(line: string): void;
  stop(): void;
  readonly active: boolean;
}

export interface ProgressOptions {
  /** The stream to draw on (default process.stderr). */
  stream?: NodeJS.WriteStream;
  /** Override the terminal check (tests). */
  enabled?: boolean;
}

/** Whether `stream` is a terminal a person watches. */
export function wantsProgress(stream: NodeJS.WriteStream = process.stderr): boolean {
  return Boolean(stream.isTTY) && !process.env.CI && process.env.STANCE_NO_PROGRESS === undefined;
}

/**
 * A bar from 0 to `total`, or a running count when the total is not known (0).
 * `unit` names what is counted ("documents", "files", "records").
 */
export function startProgress(label: string, total: number, unit: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const enabled = options.enabled ?? wantsProgress(stream);
  if (!enabled) {
    return { advance: () => {}, log: (line) => console.log(line), stop: () => {}, active: false };
  }
  const format = total > 0 ? `${label} [{bar}] {value}/{total} ${unit} | {duration_formatted} elapsed, ETA {eta_formatted}` : `${label} {value} ${unit} | {duration_formatted} elapsed`;
  const cliProgress = load();
  const multi = new cliProgress.MultiBar(
    { format, stream, hideCursor: true, clearOnComplete: true, barsize: 30, fps: 10, noTTYOutput: !stream.isTTY, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(total, 0);
  let stopped = false;
  return {
    advance: (n = 1) => bar.increment(n),
    // With the bar on the same terminal as stdout, lines are printed above it; otherwise straight to stdout.
    log: (line) => (process.stdout.isTTY ? multi.log(`${line}\n`) : console.log(line)),
    stop: () => {
      if (stopped) return;
      stopped = true;
      multi.stop();
    },
    active: true,
  };
}
