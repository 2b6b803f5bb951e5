// Which tagger tags a tracker's documents: the tracker's `tagger` field, else the
// deployment's (cdk.json context `tagger`, TAGGER in the environment), else the rules.
// The tag service sees only the Tagger interface; the model tagger gets its ports here.
import type { ModelPort, TokenBudget } from '../core/llm/converse.js';
import { compileForModel, tagWithModel, type CompiledForModel } from '../core/llm/tagger.js';
import type { BedrockTaggerSpec, TaggerSpec } from '../core/tracker.js';
import { modelTaggerVersion, taggerSpecOf } from '../core/versions.js';
import { ConfigError } from '../errors.js';
import { coreTagger, type ChooseTagger, type Tagger, type TagResult } from './tag.js';

export interface TaggerWiring {
  /** The model behind the bedrock tagger; without it a bedrock tracker cannot be tagged. */
  model?: ModelPort | undefined;
  /** Today's token allowance; unlimited when absent. */
  budget?: TokenBudget | undefined;
  /** The deployment's tagger for trackers that name none. */
  deploymentTagger?: TaggerSpec | undefined;
  now?: () => Date;
}

export { taggerSpecOf };

/** The language-model tagger for one spec, as the pipeline sees it. */
export function modelTagger(spec: BedrockTaggerSpec, wiring: TaggerWiring & { model: ModelPort }): Tagger<CompiledForModel> {
  return {
    version: modelTaggerVersion(spec.modelId),
    compile: (tracker) => compileForModel(tracker, spec),
    async tag(doc, compiled): Promise<TagResult> {
      const out = await tagWithModel(doc, compiled, wiring);
      return {
        records: out.records,
        taggerVersion: out.taggerVersion,
        dropped: out.dropped,
        ...(out.calls ? { tokens: out.tokens } : {}),
        ...(out.fallback ? { fallback: out.fallback } : {}),
        ...(out.skipped ? { skipped: out.skipped } : {}),
        ...(out.problems.length ? { problems: out.problems } : {}),
      };
    },
  };
}

export function chooseTagger(wiring: TaggerWiring): ChooseTagger {
  const made = new Map<string, Tagger<any>>();
  return (tracker) => {
    const spec = taggerSpecOf(tracker, wiring.deploymentTagger);
    if (spec.kind === 'rules') return coreTagger;
    const model = wiring.model;
    if (!model) throw new ConfigError(`tracker ${tracker.id} is tagged by bedrock model ${spec.modelId}, but no model client is wired here`);
    const key = JSON.stringify(spec);
    let tagger = made.get(key);
    if (!tagger) made.set(key, (tagger = modelTagger(spec, { ...wiring, model })));
    return tagger;
  };
}
