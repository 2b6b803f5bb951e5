import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
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

  it('takes the seeds\' real publication dates and titles from the manifest beside them, not the files\' times', async () => {
    const seeds = fileURLToPath(new URL('../seeds/', import.meta.url));
    const { documents, skipped } = await readDocuments([seeds]);
    expect(documents.map((d) => [d.source.replace(seeds, ''), d.document.publishedAt])).toEqual([
      ['000_fdc57050e242d217.txt', '2025-10-24'],
      ['001_b19acb862a9e398d.txt', '2025-11-20'],
      ['002_51523e5df336b9fc.txt', '2025-12-03'],
      ['003_24b4bd12524a5f1d.txt', '2024-07-08'],
      ['004_1ac4e6f4e10aa44a.txt', '2025-11-24'],
    ]);
    expect(documents[2]!.document.title).toBe('Ukraine Talks: No Compromise as Russia Stands Firm Under Putin');
    // The manifest itself is no document, and not a refused file either.
    expect(skipped.map((s) => s.file.replace(seeds, ''))).toEqual(['tracker.json']);
    // One file named on its own finds its folder's manifest too.
    const [one] = (await readDocuments([join(seeds, '003_24b4bd12524a5f1d.txt')])).documents;
    expect(one!.document.publishedAt).toBe('2024-07-08');
  });

  it('sends a manifest\'s url, keeps the modification time for files it does not list, and names a bad entry', async () => {
    const folder = join(dir, 'with-manifest');
    await mkdir(folder);
    await writeFile(join(folder, 'listed.txt'), 'Listed article\nKyiv backs a ceasefire.\n');
    await writeFile(join(folder, 'other.txt'), 'Other article\nMoscow rejects it.\n');
    await utimes(join(folder, 'other.txt'), new Date('2025-01-02T03:04:05Z'), new Date('2025-01-02T03:04:05Z'));
    const manifest = { documents: [{ document: 'listed.txt', title: 'The real title', url: 'https://news.example/listed', publishedAt: '2025-11-21T08:00:00Z' }] };
    await writeFile(join(folder, 'manifest.json'), JSON.stringify(manifest));
    const { documents } = await readDocuments([folder]);
    expect(documents.map((d) => d.document)).toEqual([
      { title: 'The real title', url: 'https://news.example/listed', text: 'Listed article\nKyiv backs a ceasefire.\n', publishedAt: '2025-11-21T08:00:00Z' },
      { title: 'Other article', text: 'Other article\nMoscow rejects it.\n', publishedAt: '2025-01-02T03:04:05.000Z' },
    ]);

    await writeFile(join(folder, 'manifest.json'), JSON.stringify({ documents: [{ document: 'listed.txt', publishedAt: 'last week' }] }));
    await expect(readDocuments([folder])).rejects.toThrow(/manifest\.json at documents\[0\]\.publishedAt: /);
    await writeFile(join(folder, 'manifest.json'), JSON.stringify({ documents: [{ document: 'gone.txt', publishedAt: '2025-11-21' }] }));
    await expect(readDocuments([folder])).rejects.toThrow(/manifest\.json at documents\[0\]\.document: no file "gone\.txt" in this folder/);
  });
});
