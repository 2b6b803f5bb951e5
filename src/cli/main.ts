// The `stance` command line. Each command lives in its own module exporting
// `summary`, `usage` and `run(args)`; this file only dispatches and turns the
// project's error types into one-line messages and exit codes (no stack traces).
import { quietAwsSdk } from '../config.js';
import { didYouMean } from '../suggest.js';
import { ApiError, ConfigError, ModelUnavailableError, NotFoundError, TrackerError, UsageError, ValidationError } from '../errors.js';

quietAwsSdk();
// `stance ... | head` closes the pipe early: that ends the output, it is not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

export interface Command {
  /** One line for `stance --help`. */
  summary: string;
  /** The command's own help text. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<Command>> = {
  tag: () => import('./tag.js'),
  prompt: () => import('./prompt.js'),
  eval: () => import('./eval.js'),
  calibrate: () => import('./calibrate.js'),
  start: () => import('./start.js'),
  ingest: () => import('./ingest.js'),
  query: () => import('./query.js'),
  reingest: () => import('./reingest.js'),
  export: () => import('./export.js'),
  dashboard: () => import('./dashboard.js'),
};

async function overview(): Promise<string> {
  const lines = ['usage: stance <command> [options]', '', 'commands:'];
  for (const [name, load] of Object.entries(commands)) {
    const summary = await load().then((c) => c.summary, () => '(not available)');
    lines.push(`  ${name.padEnd(10)} ${summary}`);
  }
  lines.push('', 'stance <command> --help shows the options of a command.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await overview());
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    const hint = didYouMean(name, Object.keys(commands));
    throw new UsageError(`unknown command "${name}"${hint ? `${hint} Run` : '; run'} "stance --help" for the list`);
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  return command.run(args);
}

const expected = [UsageError, ValidationError, TrackerError, NotFoundError, ConfigError, ApiError, ModelUnavailableError];

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (expected.some((kind) => err instanceof kind)) {
      console.error(`stance: ${(err as Error).message}`);
      process.exitCode = err instanceof UsageError ? 2 : 1;
    } else {
      console.error('stance: unexpected failure');
      console.error(err);
      process.exitCode = 70;
    }
  },
);
