// The tagger version stored with every document and shown by the API: which tagger, model and
// prompt made its records. A document whose version is not the tracker's current one is stale
// and re-tagged (src/pipeline/tag.ts), so changing tagger, model or prompt re-tags as a rules
// version bump does. Only version constants are imported here, not the taggers: the re-tag
// fan-out knows what is current without carrying the tagging code.
import { PROMPT_VERSION } from './llm/prompt-version.js';
import { TAGGER_VERSION } from './tagger-version.js';
import { RULES_TAGGER, type TaggerSpec, type Tracker } from './tracker.js';

/** `rules@<TAGGER_VERSION>`. */
export const RULES_TAGGER_VERSION = `rules@${TAGGER_VERSION}`;

/** `bedrock:<model id>@<prompt version>`. */
export function modelTaggerVersion(modelId: string): string {
  return `bedrock:${modelId}@${PROMPT_VERSION}`;
}

/** The tagger spec that applies to a tracker: its own, else the deployment's, else the rules. */
export function taggerSpecOf(tracker: Tracker, deploymentTagger?: TaggerSpec): TaggerSpec {
  return tracker.tagger ?? deploymentTagger ?? RULES_TAGGER;
}

/** The version a tracker's documents carry once tagged by its current tagger (the taggers' `version`). */
export function currentTaggerVersion(tracker: Tracker, deploymentTagger?: TaggerSpec): string {
  const spec = taggerSpecOf(tracker, deploymentTagger);
  return spec.kind === 'rules' ? RULES_TAGGER_VERSION : modelTaggerVersion(spec.modelId);
}
