// Which tagger a tracker gets: its own field, else the deployment's (TAGGER), else the rules;
// and a model-tagged tracker is never tagged by the rules unmarked for want of wiring.
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../src/config.js';
import { parseTracker } from '../src/core/tracker.js';
import { currentTaggerVersion, modelTaggerVersion, RULES_TAGGER_VERSION } from '../src/core/versions.js';
import { ConfigError } from '../src/errors.js';
import { ReplayModel } from '../src/llm/replay.js';
import { tagStoredDocument } from '../src/pipeline/tag.js';
import { chooseTagger, taggerSpecOf } from '../src/pipeline/taggers.js';
import type { DynamoStore } from '../src/store/store.js';
import { MODEL_ID, modelTracker } from './support/llm.js';

const modelled = modelTracker();
const plain = parseTracker({ ...modelled, tagger: undefined }, 'plain');
const nova = { kind: 'bedrock' as const, modelId: 'amazon.nova-lite-v1:0', maxInputTokens: 12000 };

describe('choosing the tagger', () => {
  it('takes the tracker\'s own tagger first, then the deployment\'s, then the rules', () => {
    expect(taggerSpecOf(modelled, nova)).toEqual(modelled.tagger);
    expect(taggerSpecOf(plain, nova)).toEqual(nova);
    expect(taggerSpecOf(plain)).toEqual({ kind: 'rules' });
    const choose = chooseTagger({ model: new ReplayModel(new Map()), deploymentTagger: nova });
    expect(choose(modelled).version).toBe(modelTaggerVersion(MODEL_ID));
    expect(choose(plain).version).toBe('bedrock:amazon.nova-lite-v1:0@p1');
    expect(chooseTagger({})(plain).version).toBe(RULES_TAGGER_VERSION);
  });

  it('knows the version the chosen tagger stamps without the tagger (what the re-tag fan-out compares)', () => {
    const choose = chooseTagger({ model: new ReplayModel(new Map()), deploymentTagger: nova });
    for (const tracker of [modelled, plain]) expect(currentTaggerVersion(tracker, nova)).toBe(choose(tracker).version);
    expect(currentTaggerVersion(modelled)).toBe(choose(modelled).version);
    expect(currentTaggerVersion(plain)).toBe(chooseTagger({})(plain).version);
  });

  it('refuses a model-tagged tracker when no model is wired, rather than tag it by the rules', async () => {
    expect(() => chooseTagger({})(modelled)).toThrow(ConfigError);
    const store = {
      requireTracker: async () => ({ tracker: modelled, version: 'v' }),
      getDocument: async () => ({ document: { id: 'd', tracker: modelled.id, text: 'x', contentHash: 'h' }, records: [] }),
    } as unknown as DynamoStore;
    await expect(tagStoredDocument({ tracker: modelled.id, documentId: 'aaaaaaaaaaaaaaaaaaaa' }, { store })).rejects.toThrow(/names the bedrock tagger, but this caller wires none/);
  });

  it('reads the deployment\'s tagger and the daily budget from the environment', () => {
    const env = EnvSchema.parse({ TABLE_NAME: 't', TAGGER: JSON.stringify({ kind: 'bedrock', modelId: MODEL_ID }), DAILY_TOKEN_BUDGET: '50000' });
    expect(env).toMatchObject({ TAGGER: { kind: 'bedrock', modelId: MODEL_ID, maxInputTokens: 12000 }, DAILY_TOKEN_BUDGET: 50000 });
    const defaults = EnvSchema.parse({ TABLE_NAME: 't' });
    expect([defaults.TAGGER, defaults.DAILY_TOKEN_BUDGET]).toEqual([undefined, 2_000_000]);
    expect(EnvSchema.safeParse({ TABLE_NAME: 't', TAGGER: '{kind: rules}' }).success).toBe(false);
    expect(EnvSchema.safeParse({ TABLE_NAME: 't', TAGGER: '{"kind":"bedrock","modelId":"gpt-4o"}' }).success).toBe(false);
  });
});
