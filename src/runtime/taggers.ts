// The tag path's tagger choice as the Lambda functions wire it: the tracker's or the
// deployment's tagger (TAGGER), Bedrock behind the model port, the daily token budget in
// the table (DAILY_TOKEN_BUDGET). Only the tag function imports this module, so only
// its bundle carries the Bedrock client (re-ingest compares tagger versions: src/core/versions.ts).
import { env } from '../config.js';
import type { ModelPort } from '../core/llm/converse.js';
import { BedrockModel, bedrockClient } from '../llm/bedrock.js';
import type { ChooseTagger } from '../pipeline/tag.js';
import { chooseTagger } from '../pipeline/taggers.js';
import { DynamoTokenBudget } from '../store/token-budget.js';
import { documentClient, lazy } from './lambda.js';

export function defaultTaggers(): ChooseTagger {
  const settings = env();
  // The client is made on the first model call: rules-tagged trackers never create one.
  const bedrock = lazy(() => new BedrockModel(bedrockClient()));
  const model: ModelPort = { converse: (call) => bedrock().converse(call) };
  return chooseTagger({
    model,
    budget: new DynamoTokenBudget(documentClient(), settings.TABLE_NAME, settings.DAILY_TOKEN_BUDGET),
    deploymentTagger: settings.TAGGER,
  });
}
