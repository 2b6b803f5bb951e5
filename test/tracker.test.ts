import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrackerError } from '../src/errors.js';
import { loadTrackerFile } from '../src/core/tracker.js';

const dir = mkdtempSync(join(tmpdir(), 'tracker-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('loading a tracker file', () => {
  it('accepts the shipped default tracker', async () => {
    const tracker = await loadTrackerFile('seeds/tracker.json');
    expect(tracker.id).toBe('ukraine-peace-2025');
    expect(tracker.actors.map((a) => a.id)).toContain('RU');
  });

  it('names the file and the reason for bad JSON', async () => {
    const path = file('bad.json', '{ "id": ');
    await expect(loadTrackerFile(path)).rejects.toThrow(TrackerError);
    await expect(loadTrackerFile(path)).rejects.toThrow(/bad\.json: not valid JSON/);
  });

  it('names the path of a duplicate actor id', async () => {
    const path = file('dup.json', JSON.stringify({
      id: 't', title: 'T',
      actors: [{ id: 'A', name: 'A', aliases: ['Aland'] }, { id: 'A', name: 'B', aliases: ['Bland'] }],
      terms: [{ id: 'x', name: 'X', cues: { affirm: ['x'] } }],
    }));
    await expect(loadTrackerFile(path)).rejects.toThrow(/at actors\[1\]\.id: duplicate actor id "A"/);
  });

  it('refuses an alias claimed by two actors', async () => {
    const path = file('alias.json', JSON.stringify({
      id: 't', title: 'T',
      actors: [{ id: 'A', name: 'A', aliases: ['Shared'] }, { id: 'B', name: 'B', aliases: ['shared'] }],
      terms: [{ id: 'x', name: 'X', cues: { affirm: ['x'] } }],
    }));
    await expect(loadTrackerFile(path)).rejects.toThrow(/at actors\[1\]\.aliases\[0\]: alias "shared" is already claimed by actor A/);
  });

  it('refuses a term with no cue phrase', async () => {
    const path = file('empty.json', JSON.stringify({
      id: 't', title: 'T',
      actors: [{ id: 'A', name: 'A', aliases: ['Aland'] }],
      terms: [{ id: 'x', name: 'X', cues: { affirm: [] } }],
    }));
    await expect(loadTrackerFile(path)).rejects.toThrow(/at terms\[0\]\.cues\.affirm: a term needs at least one affirming cue phrase/);
  });

  it('says when the file is missing', async () => {
    await expect(loadTrackerFile(join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: no such file/);
  });
});
