// The tagger reads any tracker: nothing in it knows the default one's actors or terms.
import { describe, expect, it } from 'vitest';
import { compileTracker, tagDocument } from '../src/core/tagger.js';
import { parseTracker } from '../src/core/tracker.js';

const tracker = parseTracker({
  id: 'water-treaty',
  title: 'A river water-sharing treaty',
  actors: [
    { id: 'NL', name: 'Northland', aliases: ['Northland', 'Nordby', 'Anna Berg'], demonyms: ['Northlandic'] },
    { id: 'SL', name: 'Southland', aliases: ['Southland', 'Sudby', 'SL'], demonyms: ['Southlandic'] },
  ],
  terms: [
    { id: 'dam', name: 'A new dam upstream', cues: { affirm: ['build ... dam', 'new dam'], negate: ['free-flowing river'] } },
    { id: 'quota', name: 'Fixed water quotas', cues: { affirm: ['water quota', 'quota'], exclude: ['fishing quota'] } },
    { id: 'treaty', name: 'The draft treaty', plan: true, cues: { affirm: ['treaty', 'draft treaty'] } },
  ],
  topic: { phrases: ['river', 'water'], minMentions: 1 },
}, 'test tracker');
const compiled = compileTracker(tracker);
const triples = (text: string): string[] =>
  tagDocument({ id: 'd', text }, compiled).map((r) => `${r.actor} ${r.term} ${r.stance}`).sort();

describe('a tracker of the user\'s own', () => {
  it('tags its actors and terms with the same rules, cues matching their inflections', () => {
    expect(triples('Northland rejected plans for building a dam on the river.')).toEqual(['NL dam oppose']);
    expect(triples('Southlandic officials said they were ready to accept water quotas.')).toEqual(['SL quota support']);
  });

  it('matches an acronym alias only as written', () => {
    expect(triples('SL backs a new dam on the river.')).toEqual(['SL dam support']);
    expect(triples('Let sl back a new dam on the river, she wrote.')).toEqual([]);
  });

  it('lets a look-alike phrase hide a cue', () => {
    expect(triples('Nordby opposed the fishing quota on the river.')).toEqual([]);
  });

  it('gives the author of the plan what the plan contains', () => {
    expect(triples("Anna Berg's draft treaty would build a new dam on the river and share its costs.")).toEqual(['NL dam support', 'NL treaty support']);
  });

  it('ignores a document off its topic', () => {
    expect(triples('Northland rejected plans for a new dam in its capital.')).toEqual([]);
  });
});
