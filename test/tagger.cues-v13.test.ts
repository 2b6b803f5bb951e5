import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/core/text.js';
import { triples } from './support/tagger.js';

// Term wordings batch 11 showed the tracker did not know, in sentences written here.
describe('term wordings added in v13', () => {
  it('reads a pause of strikes on energy as a (partial) ceasefire', () => {
    expect(triples('The Kremlin said it had agreed to a US request to suspend attacks on energy facilities.')).toEqual(expect.arrayContaining(['RU ceasefire support']));
    expect(triples('Kyiv offered to suspend strikes on energy infrastructure for a month.')).toEqual(['UA ceasefire support']);
  });

  it("reads opening a negotiating cluster as the EU accession it belongs to, and a cluster bomb as nothing", () => {
    expect(triples('Hungary objects to opening the first negotiating cluster with Ukraine.')).toEqual(['HU eu_membership oppose']);
    expect(triples('Russia used cluster munitions in Kharkiv.')).toEqual([]);
  });

  it('reads defence support as military aid', () => {
    expect(triples('Britain pledged expanded defence support for Ukraine next year.')).toEqual(['UK military_aid support']);
  });
});

// The rules match cue words by stem, so "surrender ... territories" beside "surrender ... territory" matches
// nothing more; the language-model prompt lists every cue, and each copy costs its tokens on every call.
describe('the shipped tracker', () => {
  it('lists no cue twice under the stemmer (exact "=" forms aside)', () => {
    const tracker = JSON.parse(readFileSync('seeds/tracker.json', 'utf8')) as { terms: Array<{ id: string; cues: Record<string, string[]> }> };
    const keyOf = (p: string) => tokenize(p).map((t) => (/^[A-Z]{2,}$/.test(t.text) ? t.text : t.stem)).join(' ');
    const twice: string[] = [];
    for (const term of tracker.terms) for (const [list, cues] of Object.entries(term.cues)) {
      const seen = new Map<string, string>();
      for (const cue of cues) {
        if (cue.includes('=')) continue;
        const other = seen.get(keyOf(cue));
        if (other !== undefined) twice.push(`${term.id} ${list}: "${cue}" = "${other}"`);
        else seen.set(keyOf(cue), cue);
      }
    }
    expect(twice).toEqual([]);
  });
});
