// Before any model call: an article that cannot yield records costs nothing. It must pass
// the tracker's topic gate (topicGate, as the rules tagger applies it in tagDocument)
// and name at least one actor by an alias or a demonym.
import { findMentions } from '../mentions.js';
import { topicGate, type CompiledTracker } from '../tagger.js';
import { splitSentences } from '../text.js';

export type GateResult = { pass: true } | { pass: false; reason: 'off-topic' | 'no-actor' };

export function gate(text: string, compiled: CompiledTracker): GateResult {
  const sentences = splitSentences(text);
  if (!topicGate(sentences, compiled).pass) return { pass: false, reason: 'off-topic' };
  const namesActor = sentences.some((s) => findMentions(s.tokens, compiled.actors).some((m) => m.actor !== undefined));
  return namesActor ? { pass: true } : { pass: false, reason: 'no-actor' };
}
