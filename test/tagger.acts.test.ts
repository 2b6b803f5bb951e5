// Acts as stances (tagger v5): the doer of an act on a term holds a stance on it, from
// the tracker's `acts` vocabulary. Sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('acts as stances', () => {
  it('reads imposing, extending and tightening sanctions as opposing relief, lifting them as support', () => {
    expect(triples('The EU imposed a fresh round of sanctions on Russian shipping firms on Friday.')).toEqual(['EU sanctions_relief oppose']);
    expect(triples('Britain extended its sanctions on three more oil traders.')).toEqual(['UK sanctions_relief oppose']);
    expect(triples('Washington eased some sanctions on Russian fertiliser exports.')).toEqual(['US sanctions_relief support']);
  });

  it('credits the possessor of a nominal act and the "by" agent', () => {
    expect(triples("Brussels' latest sanctions package targets tankers of the shadow fleet.")).toEqual(['EU sanctions_relief oppose']);
  });

  it('composes an act with the stance word before it', () => {
    expect(triples('Hungary refused to extend the sanctions for another six months.')).toEqual(['HU sanctions_relief support']);
    expect(triples('Berlin agreed to send more troops to Ukraine once a truce holds.')).toContain('DE foreign_troops support');
  });

  it('gives nothing for a negated, hypothetical, prescribed or questioned act', () => {
    expect(triples('Ankara has not imposed any sanctions on Moscow.')).toEqual(['TR sanctions_relief support']);
    expect(triples('Washington could impose new sanctions if the talks stall.')).toEqual([]);
    expect(triples('Will Brussels impose more sanctions?')).toEqual([]);
    expect(triples('Under the draft, Ukraine would hold elections within a year.')).toEqual([]);
  });

  it('reads arming Ukraine, seizing frozen assets and guaranteeing security as support', () => {
    expect(triples('Norway and Germany are arming Ukraine with new air defence.')).toContain('DE military_aid support');
    expect(triples('Belgium refused, but the EU moved to seize the frozen assets held at the depository.')).toEqual(['EU frozen_assets support']);
    expect(triples('Paris will guarantee Ukraine\'s security together with London.')).toEqual(['FR security_guarantees support']);
  });

  it('does not read seizing Western assets as using the frozen Russian ones', () => {
    expect(triples('Moscow said it would retaliate by seizing Western assets in Russia.')).toEqual([]);
  });

  it('reads vetoing accession as opposing EU membership; merely holding talks is no record', () => {
    expect(triples("Hungary vetoed the opening of Ukraine's accession talks again.")).toEqual(['HU eu_membership oppose']);
    expect(triples('Russian and Ukrainian delegations held two rounds of talks in Istanbul.')).toEqual([]);
  });

  it('gives nothing for a purpose clause ("To hold elections, ...")', () => {
    expect(triples('To hold elections, Ukraine would first need to lift martial law.')).toEqual([]);
  });
});
