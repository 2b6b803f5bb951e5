// Each rule of the tagger on sentences written for these tests (none comes from
// the seed articles): the tagger must generalise, not remember.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('attribution', () => {
  it('gives a stance verb to its subject', () => {
    expect(triples('The Kremlin rejected any deployment of European peacekeepers after the war.')).toEqual(['RU foreign_troops oppose']);
  });

  it('gives the stance to every side of a coordinated subject', () => {
    expect(triples('Britain and France back a reassurance force for Ukraine.')).toEqual(['FR foreign_troops support', 'UK foreign_troops support']);
  });

  it('reads "neither ... nor", "both ... and" and "allies, including A and B,"', () => {
    expect(triples('Neither Kyiv nor Moscow has accepted the peace plan.')).toEqual(['RU peace_plan oppose', 'UA peace_plan oppose']);
    expect(triples('Both Kyiv and Moscow have said they are open to talks.')).toEqual(['RU negotiations support', 'UA negotiations support']);
    expect(triples("Ukraine's allies, including Britain and France, have pledged to send troops to Ukraine.")).toEqual(['FR foreign_troops support', 'UK foreign_troops support']);
  });

  it('maps officials, envoys and group nouns to their side through the demonym', () => {
    expect(triples('Senior Ukrainian officials rejected the demand to give up territory in the east.')).toEqual(['UA territorial_concessions oppose']);
    expect(triples('Russia has repeatedly rejected calls for an immediate ceasefire.')).toEqual(['RU ceasefire oppose']);
    expect(triples('The Turkish foreign minister offered to host a new round of talks.')).toEqual(['TR negotiations support']);
  });

  it('reads the possessor of a demand as the side that makes it', () => {
    expect(triples("Moscow's conditions include a ban on NATO membership for Kyiv.")).toEqual(['RU nato_renunciation support']);
  });

  it('gives a judgement to whoever makes it: "X called ... unacceptable"', () => {
    expect(triples('Chancellor Merz called a cap on the Ukrainian army unacceptable.')).toEqual(['DE army_limits oppose']);
  });

  it('reads the agent of a judgement: "rejected by", "criticism from", "concerns in"', () => {
    expect(triples('The proposed buffer zone was rejected by Kyiv.')).toEqual(['UA demilitarized_zone oppose']);
    expect(triples('The peace plan met fierce criticism from Brussels.')).toEqual(['EU peace_plan oppose']);
    expect(triples('The new draft plan raised concerns in Paris.')).toEqual(['FR peace_plan oppose']);
  });

  it('does not map an unknown country to a known one', () => {
    expect(triples('Poland rejected any easing of sanctions on Russia.')).toEqual([]);
    expect(triples('Slovakia blocked military aid to Ukraine.')).toEqual([]);
  });

  it('looks past a date to the subject, but not past an unknown country', () => {
    expect(triples('Russia on Thursday praised parts of the peace plan. Poland on Monday rejected the peace plan.')).toEqual(['RU peace_plan support']);
  });

  it('does not give an unknown side\'s stance to a known side named earlier', () => {
    expect(triples('The EU is ready to provide a reparations loan, a move Belgium has opposed.')).toEqual(['EU frozen_assets support']);
  });

  it('does not take the object of a verb for the subject of the next one', () => {
    expect(triples('Zelensky thanked European partners and said Ukraine would not hold elections during martial law.')).toEqual(['UA elections oppose']);
    expect(triples('The European text would allow Ukraine to keep a large army and rejects any demilitarization.')).toEqual([]);
  });

  it('gives no stance when the object belongs to a party the tracker does not list', () => {
    expect(triples('Britain has offered South Korea its own security guarantees.')).toEqual([]);
  });

  it('does not make an actor of a magazine, a think tank or an author', () => {
    expect(triples('The Economist argues that Europe should fund military aid to Ukraine.')).toEqual([]);
    expect(triples('In this column I argue that sanctions relief would be a mistake.')).toEqual([]);
  });
});

describe('reported speech', () => {
  it('gives the content to the speaker: "X said ..."', () => {
    expect(triples('Peskov said Moscow remained open to direct talks with Kyiv.')).toEqual(['RU negotiations support']);
  });

  it('reads "according to X" and inverted "said X"', () => {
    expect(triples('The plan is a good basis for a settlement, according to Witkoff.')).toEqual(['US peace_plan support']);
  });

  it('keeps the speaker of a quotation that runs over several sentences', () => {
    const text = '"We are ready for a ceasefire. We also want security guarantees that work," Zelensky said.';
    expect(triples(text)).toEqual(['UA ceasefire support', 'UA security_guarantees support']);
  });

  it('carries the speaker into a quotation that continues in the next paragraph', () => {
    const text = '"We will not give up our land," Zelensky said on Friday. "We need security guarantees that work.\n"And we reject any ceasefire that only freezes the war."';
    expect(triples(text)).toEqual(['UA ceasefire oppose', 'UA security_guarantees support', 'UA territorial_concessions oppose']);
  });

  it('finds a speaker named after the quotation with "he added" carried to the last named', () => {
    const text = 'Sybiha met reporters in Warsaw. "Any ceasefire on Russian terms is a trap," he added.';
    expect(triples(text)).toEqual(['UA ceasefire oppose']);
  });

  it('gives no stance to a side the speaker only characterises', () => {
    expect(triples('Zelensky said Russia wanted a ceasefire only to rearm.')).toEqual([]);
    expect(triples('Zelensky suggested that Moscow only wanted sanctions relief.')).toEqual([]);
  });

  it('gives first-person content to the speaker', () => {
    expect(triples('"We support the peace plan," Macron told reporters.')).toEqual(['FR peace_plan support']);
  });
});

describe('negation', () => {
  it('flips a stance verb', () => {
    expect(triples('Hungary does not support new sanctions on Russia.')).toEqual(['HU sanctions_relief support']);
    expect(triples('Kyiv did not reject the ceasefire.')).toEqual(['UA ceasefire support']);
  });

  it('reads "has yet to" and "failed to" as negation, "not only" as none', () => {
    expect(triples('Moscow has yet to accept the ceasefire.')).toEqual(['RU ceasefire oppose']);
    expect(triples('Russia failed to back the peace plan.')).toEqual(['RU peace_plan oppose']);
    expect(triples('Berlin not only backs the reparations loan but also wants more.')).toEqual(['DE frozen_assets support']);
  });

  it('reads "no intention of" and "little interest in"', () => {
    expect(triples('Russia has no intention of returning the occupied regions.')).toEqual(['RU territorial_concessions support']);
    expect(triples('The Kremlin showed little interest in a truce.')).toEqual(['RU ceasefire oppose']);
  });

  it('reads a refusal without a stance verb: "will never cede"', () => {
    expect(triples('Ukraine will never cede its land to the occupiers.')).toEqual(['UA territorial_concessions oppose']);
  });

  it('reads a flat "no" in someone\'s words as a refusal, but not a plain "has no"', () => {
    expect(triples('Zelensky: no territorial concessions')).toEqual(['UA territorial_concessions oppose']);
    expect(triples('"There will be no ceasefire until our goals are met," Putin said.')).toEqual(['RU ceasefire oppose']);
    expect(triples('Kyiv has no security guarantees yet, Zelensky said.')).toEqual([]);
  });

  it('keeps a negation inside the object with the object', () => {
    expect(triples('Washington insisted that Kyiv would not be forced to cede territory.')).toEqual(['US territorial_concessions oppose']);
  });

  it('does not take a hypothetical for a stance', () => {
    expect(triples('Berlin could reject the reparations loan if the terms change.')).toEqual([]);
  });
});

describe('stance verbs with a complement', () => {
  it('multiplies the polarities: "refused to accept", "unwilling to back", "no intention of accepting"', () => {
    expect(triples('Russia refused to accept the peace plan.')).toEqual(['RU peace_plan oppose']);
    expect(triples('Hungary is unwilling to back new sanctions.')).toEqual(['HU sanctions_relief support']);
    expect(triples('Moscow has no intention of accepting a truce.')).toEqual(['RU ceasefire oppose']);
  });

  it('keeps the stance with the side that urges, not the side urged', () => {
    expect(triples('Washington urged Kyiv to accept the peace plan.')).toEqual(['US peace_plan support']);
    expect(triples('The US is pressing Ukraine to accept territorial concessions.')).toEqual(['US territorial_concessions support']);
    expect(triples('Moscow wants Kyiv to withdraw from Donbas.')).toEqual(['RU territorial_concessions support']);
  });

  it('reads a stance verb across another side\'s bid: "supports Ukraine\'s bid to join the EU"', () => {
    expect(triples('Germany supports Ukraine\'s bid to join the EU.')).toEqual(['DE eu_membership support', 'UA eu_membership support']);
  });
});

describe('sending, supplying, providing', () => {
  it('is support for what is sent', () => {
    expect(triples('Germany will keep supplying weapons to Ukraine, Merz said.')).toEqual(['DE military_aid support']);
    expect(triples('France is ready to send troops to Ukraine after a ceasefire.')).toEqual(['FR foreign_troops support']);
  });

  it('is not read into "the idea is for X to supply"', () => {
    expect(triples('The idea is for the US to supply weapons to Europe.')).toEqual([]);
  });
});

describe('terms that look alike', () => {
  it('reads accession talks as EU membership, not peace talks', () => {
    expect(triples('Hungary vetoed the opening of EU accession talks with Ukraine.')).toEqual(['HU eu_membership oppose']);
  });

  it('reads a judgement in a warning: "would be theft"', () => {
    expect(triples('Moscow warned that any seizure of its central bank assets would be "theft".')).toEqual(['RU frozen_assets oppose']);
  });
});

describe('backers and critics', () => {
  it('reads "a backer of", "a critic of" as the stance of whoever they are', () => {
    expect(triples('Germany is among the strongest backers of military aid to Ukraine.')).toEqual(['DE military_aid support']);
    expect(triples('Orban, a long-time critic of military aid to Ukraine, spoke in Budapest.')).toEqual(['HU military_aid oppose']);
  });
});

describe('venues', () => {
  it('does not make an actor of the place where talks are held', () => {
    expect(triples('Talks in Geneva ended without agreement.')).toEqual([]);
    expect(triples('A summit in Budapest was called off after the envoys disagreed.')).toEqual([]);
    expect(triples('Witkoff welcomed the talks in Istanbul.')).toEqual(['US negotiations support']);
  });
});

describe('pronoun carry-over', () => {
  it('does not let a side named inside a quotation become "she"', () => {
    const text = '"Ukraine must choose its own future," von der Leyen said. She added that the EU was ready to back a reparations loan.';
    expect(triples(text)).toEqual(['EU frozen_assets support']);
  });

  it('resolves "he" and "the spokesman" to the last named actor', () => {
    expect(triples('Dmitry Peskov spoke on Tuesday. He ruled out a truce before the spring.')).toEqual(['RU ceasefire oppose']);
    expect(triples('Peskov briefed reporters. The spokesman rejected any foreign troops in Ukraine.')).toEqual(['RU foreign_troops oppose']);
  });
});

describe('demands and conditions', () => {
  it('gives one record per listed demand', () => {
    const text = "Moscow's demands include Ukraine's withdrawal from Donbas, limits on the size of its army and a pledge never to join NATO.";
    expect(triples(text)).toEqual(['RU army_limits support', 'RU nato_renunciation support', 'RU territorial_concessions support']);
  });

  it('stops a list where a new side speaks', () => {
    expect(triples('Russia rejected the ceasefire, and Ukraine rejected territorial concessions.')).toEqual(['RU ceasefire oppose', 'UA territorial_concessions oppose']);
  });

  it('reads a demand named by its opposite', () => {
    expect(triples('Zelensky demanded that Ukraine join NATO.')).toEqual(['UA nato_renunciation oppose']);
    expect(triples('The EU vowed to tighten sanctions on Moscow.')).toEqual(['EU sanctions_relief oppose']);
  });

  it('reads readiness with a condition as support', () => {
    expect(triples('Kyiv is ready to hold elections once the fighting stops.')).toEqual(['UA elections support']);
  });

  it('reads a condition as support for what it demands: "fight on unless Kyiv withdraws from Donbas"', () => {
    expect(triples('Putin said Russia would keep fighting unless Ukrainian forces pull out of the Donbas.')).toEqual(['RU territorial_concessions support']);
    expect(triples('Zelensky said there could be elections only after a ceasefire.')).toEqual(['UA ceasefire support']);
  });

  it('points "called the demands unacceptable" back at what was demanded', () => {
    const text = 'Russia demanded a demilitarized zone along the border. Britain called the demands unacceptable.';
    expect(triples(text)).toEqual(['RU demilitarized_zone support', 'UK demilitarized_zone oppose']);
  });
});

describe('pointing back', () => {
  it('reaches the terms of the last sentence that named one: "doesn\'t like it"', () => {
    expect(triples('This is the US peace plan. Kyiv does not like it.')).toEqual(['UA peace_plan oppose', 'US peace_plan support']);
  });

  it('does not reach past a new statement', () => {
    expect(triples('Russia proposed a ceasefire on Monday. Overnight, Russian drones struck apartment blocks across the capital. Zelensky condemned it.')).toEqual(['RU ceasefire support']);
  });
});

describe('plan contents', () => {
  it('makes the author of a plan support it and what it contains', () => {
    const text = "Trump's peace plan would cap Ukraine's army at 600,000 troops and give Russia control of Crimea.";
    expect(triples(text)).toEqual(['US army_limits support', 'US peace_plan support', 'US territorial_concessions support']);
  });

  it('carries the author to later sentences about the plan', () => {
    const text = 'The White House unveiled its peace plan on Friday. The US plan offers Kyiv security guarantees. Under the plan, sanctions relief would follow a ceasefire.';
    expect(triples(text)).toEqual(['US ceasefire support', 'US peace_plan support', 'US sanctions_relief support', 'US security_guarantees support']);
  });

  it('does not read a military plan as the peace plan', () => {
    expect(triples("Russia's plan to seize Kharkiv was rejected by Kyiv. Trump's plan to end the war was welcomed by Paris.")).toEqual(['FR peace_plan support', 'US peace_plan support']);
  });

  it('does not read a ceasefire proposal as the peace plan', () => {
    expect(triples('Germany welcomed the ceasefire proposal.')).toEqual(['DE ceasefire support']);
    expect(triples('Hungary blocked the proposal to use frozen assets.')).toEqual(['HU frozen_assets oppose']);
  });
});

describe('mixed', () => {
  it('is reported only when the same side is reported both ways', () => {
    const text = 'Russian lawmakers called the plan a good basis for a settlement. The Kremlin later rejected the plan outright.';
    expect(triples(text)).toEqual(['RU peace_plan mixed']);
  });

  it('is not reported for two different sides', () => {
    const text = 'Germany welcomed the ceasefire. Hungary opposed it.';
    expect(triples(text)).toEqual(['DE ceasefire support', 'HU ceasefire oppose']);
  });
});

describe('what is not a stance', () => {
  it('gives no record for a mention', () => {
    expect(triples('Talks on territory between Russia and Ukraine were held on Monday.')).toEqual([]);
    expect(triples('Russia and Ukraine discussed a ceasefire and security guarantees.')).toEqual([]);
  });

  it('gives no record for a characterisation by critics', () => {
    expect(triples('Critics say the Kremlin is stalling on a ceasefire.')).toEqual([]);
    expect(triples('Critics argue the Trump administration is ready to accept any peace deal.')).toEqual([]);
  });
});
