// What every `stance` command shares: parsing its command line (node:util parseArgs,
// with errors turned into UsageError), the default tracker, and reading a named file.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { NotFoundError, UsageError, ValidationError } from '../errors.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** The default tracker ships with the package; found relative to this file, not the cwd. */
export const DEFAULT_TRACKER = fileURLToPath(new URL('../../seeds/tracker.json', import.meta.url));

/** Parses `args` for `stance <command>`; a bad flag is a UsageError that points to --help. */
export function parseCommandLine<const O extends OptionsConfig>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see "stance ${command} --help"`);
  }
}

/** Reads a text file named on the command line; a missing or unreadable one is a one-line error. */
export async function readNamedFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`${file}: no such file`);
    if (code === 'EISDIR') throw new ValidationError('is a directory, not a file', file);
    throw new ValidationError(`cannot read the file (${code ?? String(err)})`, file);
  }
}
