import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocuments, titleOf } from '../src/client/documents.js';
import { ValidationError } from '../src/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stance-docs-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('documents from files', () => {
  it('makes a text file one document: first line as title, whole file as text, modification time as publishedAt', async () => {
    const file = join(dir, 'a.txt');
    await writeFile(file, '\nKyiv backs a ceasefire\nZelensky backed a ceasefire.\n');
    await utimes(file, new Date('2025-11-20T09:30:00Z'), new Date('2025-11-20T09:30:00Z'));
    const { documents } = await readDocuments([file]);
    expect(documents).toEqual([
      { source: file, document: { title: 'Kyiv backs a ceasefire', text: '\nKyiv backs a ceasefire\nZelensky backed a ceasefire.\n', publishedAt: '2025-11-20T09:30:00.000Z' } },
    ]);
  });

  it('titles an article that opens with its lead paragraph by the first sentence, and drops Markdown heading marks', () => {
    const lead = `Details have emerged explaining why the talks broke down. ${'More words follow here. '.repeat(20)}`;
    expect(titleOf(lead, 'x.txt')).toBe('Details have emerged explaining why the talks broke down.');
    expect(titleOf(`${'word '.repeat(100)}`, 'x.txt')).toMatch(/^(word ){30,}word…$/);
    expect(titleOf('# Ceasefire talks\n\nbody', 'x.md')).toBe('Ceasefire talks');
  });

  it('reads a JSON list as several documents, passed on as they are', async () => {
    const file = join(dir, 'list.json');
    await writeFile(file, JSON.stringify([{ text: 'one', url: 'https://example.org/1' }, { text: 'two' }]));
    const { documents } = await readDocuments([file]);
    expect(documents).toEqual([
      { source: `${file}[0]`, document: { text: 'one', url: 'https://example.org/1' } },
      { source: `${file}[1]`, document: { text: 'two' } },
    ]);
  });

  it('reads a directory in name order and skips a tracker file in it', async () => {
    const sub = await mkdtemp(join(dir, 'dir-'));
    await writeFile(join(sub, 'b.txt'), 'B\ntext');
    await writeFile(join(sub, 'a.md'), '# A\ntext');
    await writeFile(join(sub, 'tracker.json'), JSON.stringify({ id: 't', actors: [], terms: [] }));
    await writeFile(join(sub, 'notes.csv'), 'ignored');
    const { documents, skipped } = await readDocuments([sub]);
    expect(documents.map((d) => d.document.title)).toEqual(['A', 'B']);
    expect(skipped).toEqual([{ file: join(sub, 'tracker.json'), reason: 'a tracker, not a document' }]);
  });

  it('names the file and the reason for a missing path, an empty file, bad JSON or a non-object item', async () => {
    await writeFile(join(dir, 'empty.txt'), '  \n');
    await writeFile(join(dir, 'bad.json'), '{nope');
    await writeFile(join(dir, 'strings.json'), '["just text"]');
    await expect(readDocuments([join(dir, 'missing.txt')])).rejects.toThrow(new ValidationError('no such file or directory', join(dir, 'missing.txt')));
    await expect(readDocuments([join(dir, 'empty.txt')])).rejects.toThrow(/empty\.txt: the file is empty/);
    await expect(readDocuments([join(dir, 'bad.json')])).rejects.toThrow(/bad\.json: not valid JSON/);
    await expect(readDocuments([join(dir, 'strings.json')])).rejects.toThrow(/strings\.json\[0\]: a document must be a JSON object/);
  });
});
