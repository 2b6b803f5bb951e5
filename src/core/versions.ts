// The tagger version stored with every document and shown by the API: which tagger, model and
// prompt made its records. A document whose version is not the tracker's current one is stale
// and re-tagged (src/pipeline/tag.ts), so changing tagger, model or prompt re-tags as a rules
// version bump does.
import { PROMPT_VERSION } from './llm/prompt.js';
import { TAGGER_VERSION } from './tagger.js';

/** `rules@<TAGGER_VERSION>`. */
export const RULES_TAGGER_VERSION = `rules@${TAGGER_VERSION}`;

/** `bedrock:<model id>@<prompt version>`. */
export function modelTaggerVersion(modelId: string): string {
  return `bedrock:${modelId}@${PROMPT_VERSION}`;
}
