import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startProgress, wantsProgress } from '../src/cli/progress.js';

/** A stream that says it is a terminal, and keeps what is drawn on it. */
function fakeTerminal() {
  const stream = new PassThrough() as PassThrough & NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 100, cursorTo: () => true, moveCursor: () => true, clearLine: () => true, clearScreenDown: () => true });
  let drawn = '';
  stream.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
  return { stream, drawn: () => drawn };
}

describe('progress on standard error', () => {
  it('draws a bar with the count on a terminal', async () => {
    const terminal = fakeTerminal();
    const progress = startProgress('exporting', 40, 'records', { stream: terminal.stream, enabled: true });
    for (let i = 0; i < 20; i++) progress.advance();
    await new Promise((resolve) => setTimeout(resolve, 250));
    progress.stop();
    expect(progress.active).toBe(true);
    expect(terminal.drawn()).toMatch(/exporting \[.*\] \d+\/40 records/);
  });

  it('stays quiet when standard error is not a terminal', () => {
    const piped = new PassThrough() as PassThrough & NodeJS.WriteStream;
    let drawn = '';
    piped.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    expect(wantsProgress(piped)).toBe(false);
    const progress = startProgress('ingesting', 10, 'documents', { stream: piped });
    progress.advance(10);
    progress.stop();
    expect(progress.active).toBe(false);
    expect(drawn).toBe('');
  });
});
