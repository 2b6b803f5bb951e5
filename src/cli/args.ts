// What every `stance` command shares: parsing its command line (node:util parseArgs,
// with errors turned into UsageError), the default tracker, and reading a named file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { NotFoundError, UsageError, ValidationError } from '../errors.js';
import { nearest } from '../suggest.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** The default tracker ships with the package; found relative to this file, not the cwd. */
export const DEFAULT_TRACKER = fileURLToPath(new URL('../../seeds/tracker.json', import.meta.url));

/** Parses `args` for `stance <command>`; a bad flag is a UsageError that points to --help. */
export function parseCommandLine<const O extends OptionsConfig>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const help = `"stance ${command} --help"`;
    const unknown = /^Unknown option '(-{1,2}[^'=]+)/.exec((error as Error).message)?.[1];
    if (unknown) {
      const near = nearest(unknown.replace(/^-+/, ''), [...Object.keys(options), 'help']);
      throw new UsageError(`unknown option ${unknown}${near ? `; did you mean --${near}? See ${help}` : `; see ${help}`}`);
    }
    // node's own messages run over several sentences: the first says it.
    const first = (error as Error).message.split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new UsageError(`${first}; see ${help}`);
  }
}

/**
 * Reads a text file named on the command line; a missing or unreadable one is a one-line error.
 * Synchronously: `stance tag` reads thousands of small files, and one promise a file costs it
 * several times the CPU of reading them one after the other.
 */
export async function readNamedFile(file: string): Promise<string> {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`${file}: no such file`);
    if (code === 'EISDIR') throw new ValidationError('is a directory, not a file', file);
    throw new ValidationError(`cannot read the file (${code ?? String(err)})`, file);
  }
}
