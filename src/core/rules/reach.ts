// What a stance word does not reach (issue 8, v14b): a term asked about in an indirect question, a term past the stance
// word's own object (a time adjunct, a relative clause of the object), and a past absence from the talks read as a refusal.
// Each test runs per cue a stance word or a negator already reached; none scans the sentence.
import { prepositions, stanceLists } from '../lexicon/index.js';
import type { CueMatch, Trigger } from '../polarity.js';
import type { Token } from '../text.js';

/** "how", "whether" (`lists.indirectQuestionWords`). */
const INDIRECT_QUESTION_WORDS = new Set(stanceLists.indirectQuestionWords);
/** How far before a cue "how" / "whether" may stand in its clause ("how the appropriate strength and size of the army"). */
const INDIRECT_QUESTION_REACH = 8;
/** "during", "amid" (`lists.timeAdjunctWords`). */
const TIME_ADJUNCT_WORDS = new Set(stanceLists.timeAdjunctWords);
/** "take part", "participate", "attend" (`lists.participationVerbs`) and "did", "has" (`lists.pastAuxiliaries`). */
const PARTICIPATION_VERBS = new Set(stanceLists.participationVerbs);
const PAST_AUXILIARIES = new Set(stanceLists.pastAuxiliaries);

/** Whether the cue stands in an indirect question ("clear how the size of the army ...", "asked whether a ceasefire ..."). */
export function askedAbout(tokens: readonly Token[], clauses: readonly number[], cue: CueMatch): boolean {
  for (let i = cue.start - 1; i >= Math.max(0, cue.start - INDIRECT_QUESTION_REACH) && clauses[i] === clauses[cue.start]; i--) {
    if (INDIRECT_QUESTION_WORDS.has(tokens[i]!.lower)) return true;
  }
  return false;
}

/**
 * "Ukraine reaffirmed its positions during London talks", "reaffirmed the principles on which talks are based": a term after
 * "during" or inside a relative clause ("on which") that follows the stance word's own object is when or about what, not the object.
 */
export function pastOwnObject(tokens: readonly Token[], trigger: Trigger, cue: CueMatch): boolean {
  if (cue.start <= trigger.end + 1) return false;
  for (let i = trigger.end + 1; i < cue.start; i++) {
    const t = tokens[i]!.lower;
    if (TIME_ADJUNCT_WORDS.has(t) || (t === 'which' && prepositions.has(tokens[i - 1]!.lower))) return true;
  }
  return false;
}

/**
 * "Zelensky did not take part in the talks", "Russia has not attended": a past absence from the talks is no refusal of them
 * (taking part gives no record either, annotation rule 6); "would not take part", "will not attend" refuse.
 */
export function reportedAbsence(tokens: readonly Token[], cue: CueMatch): boolean {
  const negator = tokens[cue.negatorAt]!;
  const aux = negator.lower.endsWith("n't") ? negator.lower.slice(0, -3) : tokens[cue.negatorAt - 1]?.lower ?? '';
  return PAST_AUXILIARIES.has(aux) && PARTICIPATION_VERBS.has(tokens[cue.start]!.lower);
}
