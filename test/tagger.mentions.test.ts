import { describe, expect, it } from 'vitest';
import { findMentions } from '../src/core/mentions.js';
import { splitSentences } from '../src/core/text.js';
import { ungated } from './support/tagger.js';

function mentionsOf(text: string): Array<{ actor: string | undefined; text: string; role: string }> {
  const [s] = splitSentences(text);
  return findMentions(s!.tokens, ungated.actors).map((m) => ({
    actor: m.actor,
    text: text.slice(s!.tokens[m.start]!.start, s!.tokens[m.end - 1]!.end),
    role: m.oblique ? `in a "${m.oblique}" phrase` : m.possessive ? 'possessor' : m.kind,
  }));
}

describe('actor mentions', () => {
  it('match an acronym only as written: "US" is a side, "us" is not', () => {
    expect(mentionsOf('The US told us to wait.').filter((m) => m.actor)).toEqual([{ actor: 'US', text: 'US', role: 'name' }]);
    expect(mentionsOf('The U.S. envoy left.')[0]).toMatchObject({ actor: 'US', text: 'U.S. envoy' });
  });

  it('read a possessive: "the Kremlin\'s demands"', () => {
    expect(mentionsOf('The Kremlin’s demands are clear.')[0]).toMatchObject({ actor: 'RU', role: 'possessor' });
    expect(mentionsOf("Zelensky's advisers met.")[0]).toMatchObject({ actor: 'UA', text: "Zelensky's advisers", role: 'name' });
  });

  it('map a demonym with a group noun to the side, but not a demonym alone', () => {
    expect(mentionsOf('Top Russian presidential aide Yuri Ushakov spoke.')[0]).toMatchObject({ actor: 'RU', text: 'Russian presidential aide Yuri Ushakov' });
    expect(mentionsOf('The Ukrainian president spoke.')[0]).toMatchObject({ actor: 'UA', text: 'Ukrainian president' });
    expect(mentionsOf('Russian troops and Ukrainian territory.').filter((m) => m.actor)).toEqual([]);
  });

  it('name the side of "the president of Turkey"', () => {
    expect(mentionsOf('He met the president of Turkey.').find((m) => m.actor === 'TR')).toMatchObject({ text: 'president of Turkey', role: 'name' });
  });

  it('mark a venue as the object of a preposition', () => {
    expect(mentionsOf('Talks in Geneva and Istanbul ended.')).toEqual([]);
    expect(mentionsOf('A summit in Budapest was cancelled.')[0]).toMatchObject({ actor: 'HU', role: 'in a "in" phrase' });
  });

  it('leave out a longer proper name that starts with an alias', () => {
    expect(mentionsOf('The Washington Post and the Kyiv Independent reported it.').filter((m) => m.actor)).toEqual([]);
  });

  it('find pronouns and bare titles to resolve later', () => {
    expect(mentionsOf('He said the spokesman was wrong.').map((m) => m.role)).toEqual(['person-pronoun', 'title']);
  });

  it('read "US-brokered" as the side behind something', () => {
    expect(mentionsOf('The US-brokered plan.')[0]).toMatchObject({ actor: 'US', role: 'compound' });
  });
});
