// Tagger v11b: what the stance is. Generic deals, peace efforts with the side as a modifier, meetings judged
// useful, and acts of meeting and talking, on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

const found = (text: string): string[] => triples(text);

describe('a generic deal ("any peace agreement")', () => {
  it('is not the plan on the table', () => {
    expect(found('Moscow said it would demand firm guarantees in any peace agreement.')).not.toContain('RU peace_plan support');
    expect(found('Zelensky plans a referendum to ratify any possible peace deal with Russia.')).not.toContain('UA peace_plan support');
    expect(found('Rutte said the guarantees must ensure that Russia will uphold any future deal.')).not.toContain('NATO peace_plan support');
  });

  it('leaves the plan named with a determiner or an owner', () => {
    expect(found('Zelensky rejected the peace deal.')).toContain('UA peace_plan oppose');
    expect(found("Moscow rejected Trump's peace plan on Monday.")).toContain('RU peace_plan oppose');
  });

  it('still lets a stance word reach the term the deal would involve', () => {
    expect(found('Zelensky has rejected any deal that involves ceding territory to Russia.')).toContain('UA territorial_concessions oppose');
  });
});

describe('peace efforts with the side as a modifier or a subject', () => {
  it('credits the side named before "efforts to" / "push to" with support for talks', () => {
    expect(found('Macron spoke warmly of US efforts to end the war on Friday.')).toContain('US negotiations support');
    expect(found('The issue came up during the latest U.S.-led diplomatic push to broker a peace deal.')).toContain('US negotiations support');
    expect(found('The Trump administration is making a new, intense push to end the war.')).toContain('US negotiations support');
  });

  it('credits the side that welcomes the efforts', () => {
    expect(found("Zelensky welcomed the continued US efforts to bring peace to Ukraine.")).toEqual(expect.arrayContaining(['UA negotiations support', 'US negotiations support']));
  });

  it('gives nothing for efforts that are a topic, negated, or aimed at something else', () => {
    expect(found('Starmer was asked for his view of US efforts to end the war.')).not.toContain('US negotiations support');
    expect(found('Moscow did not welcome US efforts to end the war.')).not.toContain('RU negotiations support');
    expect(found('Qatar has led mediation efforts to reunite families separated by war.')).toEqual([]);
  });
});

describe('an evaluative word after an owner', () => {
  it('qualifies the noun, not a term on its left', () => {
    expect(found('Merz said a diplomatic solution must protect Europe\'s vital security interests.')).not.toContain('DE negotiations support');
    expect(found('Merz said a diplomatic solution is vital.')).toContain('DE negotiations support');
  });
});

describe('a meeting judged useful', () => {
  it('backs the talks for whoever judges it', () => {
    expect(found('Ushakov said the conversation was very useful and constructive.')).toContain('RU negotiations support');
    expect(found('Trump described the meeting as extremely productive.')).toContain('US negotiations support');
  });

  it('opposes them when the judgement is negated, and leaves other nouns alone', () => {
    expect(found('Peskov said the meeting was not productive.')).toContain('RU negotiations oppose');
    expect(found('Peskov said the weather in Moscow was positive.')).toEqual([]);
  });
});

describe('an announced meeting with the other side', () => {
  it('backs the talks for the side that will meet or is ready to', () => {
    expect(found('Peskov confirmed that Putin will meet with Witkoff and Kushner on Thursday.')).toContain('RU negotiations support');
    expect(found('Witkoff said Trump is expected to talk to Putin soon.')).toContain('US negotiations support');
    expect(found('US envoys to meet Putin next week.')).toContain('US negotiations support');
    expect(found('Zelensky said he is ready to meet Trump to discuss the points.')).toContain('UA negotiations support');
  });

  it('gives nothing for allies conferring, a meeting held, or an invitation to others', () => {
    expect(found('An official said Kyiv and Washington will meet in Geneva in the coming days.')).toEqual([]);
    expect(found('Witkoff met with Putin on Tuesday.')).toEqual([]);
    expect(found('Lukashenko invited Trump, Putin and Zelensky to meet in Minsk.')).toEqual([]);
  });
});

describe('a plan for a named thing that is no side', () => {
  it('is another proposal ("a Board of Peace", "a plan for Gaza")', () => {
    expect(found('Putin said they would discuss Trump\'s proposal for a "Board of Peace".')).not.toContain('US peace_plan support');
    expect(found("Trump's peace plan for Gaza was held up as a model.")).not.toContain('US peace_plan support');
  });

  it('keeps a plan for Ukraine or for a side', () => {
    expect(found("Trump's peace plan for Ukraine was held up as a model.")).toContain('US peace_plan support');
  });
});

describe('a trip made to meet the other side', () => {
  it('backs the talks for the side that travels or sends its envoy', () => {
    expect(found('Trump confirmed that Witkoff would travel to Moscow next week to meet with Putin.')).toContain('US negotiations support');
    expect(found('Trump sent his son-in-law Jared Kushner and envoy Steve Witkoff to Moscow to meet Putin.')).toContain('US negotiations support');
    expect(found('Witkoff has travelled to Moscow to hold talks with Putin several times.')).toContain('US negotiations support');
  });

  it('needs the trip to be for a meeting', () => {
    expect(found('Witkoff travelled to Moscow to watch a football match with Putin.')).not.toContain('US negotiations support');
  });
});

describe('negation scope and new judgements', () => {
  it('"without" negates its own object, not a predicate after the verb', () => {
    expect(found('Lavrov said that discussing security guarantees without Russia was a road to nowhere.')).toContain('RU security_guarantees oppose');
    expect(found('Lavrov said that talks without Russia were unacceptable.')).toContain('RU negotiations oppose');
  });

  it('reads "cast doubt on" and "a utopia" as opposition', () => {
    expect(found('Moscow later cast doubt on the ceasefire.')).toContain('RU ceasefire oppose');
    expect(found('Lavrov said that such security guarantees were "a utopia".')).toContain('RU security_guarantees oppose');
  });
});

describe('an offer whose condition comes first', () => {
  it('is support for what the main clause offers', () => {
    const text = '"As soon as Kyiv withdraws its troops and drops its NATO bid, we will immediately cease fire and begin talks," Putin said.';
    expect(found(text)).toEqual(expect.arrayContaining(['RU ceasefire support', 'RU negotiations support']));
    expect(found('Once a deal is signed, Britain would deploy troops to Ukraine.')).toContain('UK foreign_troops support');
  });

  it('gives nothing for a negated offer or a provision without a side', () => {
    expect(found('If Kyiv refuses, Russia will not cease fire.').filter((t) => t.endsWith('support'))).toEqual([]);
    expect(found('If Russia attacks again, sanctions will be reinstated.')).toEqual([]);
  });
});

describe('readiness to engage', () => {
  it('is openness to talks', () => {
    expect(found('Merz said Germany is ready to engage.')).toContain('DE negotiations support');
    expect(found('Peskov said Russia is prepared to engage in the settlement process.')).toContain('RU negotiations support');
  });

  it('is not engaging in something else', () => {
    expect(found('Russia is ready to engage in fighting for years.')).toEqual([]);
  });
});

describe('phrasings of the terms in the default tracker\'s cues', () => {
  it('reads control over territory, land concessions and NATO observers', () => {
    expect(found("Talks are stuck over Putin's demands for control over territory that belongs to Ukraine.")).toContain('RU territorial_concessions support');
    expect(found('Zelensky again rejected land concessions.')).toContain('UA territorial_concessions oppose');
    expect(found('Moscow was firmly opposed to the deployment of NATO observers in Ukraine.')).toContain('RU foreign_troops oppose');
  });

  it('does not take regaining control of its own territory for a concession', () => {
    expect(found('Zelensky wants to regain control of its territory.')).toEqual([]);
  });
});

describe('support sought', () => {
  it('is not the support of the side whose support is sought', () => {
    expect(found("Trump is trying to attract Russian President Vladimir Putin's support for a ceasefire.")).not.toContain('RU ceasefire support');
    expect(found("Putin's support for a ceasefire is clear.")).toContain('RU ceasefire support');
  });
});

describe('a plan heading without a colon', () => {
  it('opens the bulleted contents under it', () => {
    const text = "Zelensky presented Ukraine's 20-point peace plan on Monday.\nThe content of the 20-point peace plan\n- The size of the Ukrainian army is capped at 800,000 personnel.\n- Ukraine must receive reliable security guarantees.";
    expect(found(text)).toEqual(expect.arrayContaining(['UA army_limits support', 'UA security_guarantees support']));
  });

  it('is a short heading, not a sentence that mentions the plan\'s points', () => {
    const text = "Zelensky presented Ukraine's 20-point peace plan on Monday.\nAnalysts said the points of the peace plan were vague, and then moved on to other matters entirely.\n- Ukraine must receive reliable security guarantees.";
    expect(found(text)).not.toContain('UA security_guarantees support');
  });
});
