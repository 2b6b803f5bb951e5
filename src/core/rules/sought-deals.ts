// A deal sought is talks, not the plan (issue 8, v14b; annotation rule 6 and rn247's decision): "as Trump pushes for a deal
// to end the war", "as he seeks a deal in respect of Ukraine", "the U.S.-led diplomatic push to broker a peace deal": a side
// that pushes for, seeks or presses for AN agreement is trying to negotiate one (support for the talks); it backs no plan on
// the table. "pushed the plan", "seeks Ukraine's approval of the deal" name a particular plan and keep it.
import { prepositions, stanceLists } from '../lexicon/index.js';
import { stemSet } from '../phrases.js';
import type { CueMatch, Trigger } from '../polarity.js';
import type { Token } from '../text.js';

/** "push", "seek", "press", "pursue" ... (`lists.dealSeekingWords`): the stance words whose object is a deal still to be made. */
const DEAL_SEEKING = stemSet(stanceLists.dealSeekingWords!);
/** "a", "an" (`lists.indefiniteDeterminers`). */
const INDEFINITE = new Set(stanceLists.indefiniteDeterminers);
/** "push for", "strive toward": the words a stance word of seeking may take with it (`lists.dealSeekingParticles`). */
const SEEKING_PARTICLES = new Set(stanceLists.dealSeekingParticles);
/** "the", "its", "this" ...: a determiner that names a particular deal ends the walk back to "a" (`lists.particularDeterminers`). */
const PARTICULAR = new Set(stanceLists.particularDeterminers);
/** How many modifiers may stand between "a" and the deal word ("a lasting peace deal"). */
const INDEFINITE_REACH = 3;

/** Whether the trigger is a word of seeking and the cue it reached is a plan word after "a"/"an": an agreement still to be made. */
export function soughtDeal(tokens: readonly Token[], trigger: Trigger, cue: CueMatch): boolean {
  if (!cue.plan || trigger.polarity !== 1 || trigger.negated || cue.start < trigger.end) return false;
  // "trying … broker", "effort … secure": a stance word composed with a word of seeking after it seeks what that one does.
  const composedSeeking = trigger.end - trigger.start > 1 && DEAL_SEEKING.has(tokens[trigger.end - 1]!.stem);
  if (!composedSeeking) {
    if (!DEAL_SEEKING.has(tokens[trigger.start]!.stem)) return false;
    // "pressed … agree" (a verb and its complement composed): what the other side is pressed to agree is a particular plan.
    for (let i = trigger.start + 1; i < trigger.end; i++) if (!SEEKING_PARTICLES.has(tokens[i]!.lower)) return false;
  }
  for (let i = cue.start - 1; i >= Math.max(trigger.end, cue.start - 1 - INDEFINITE_REACH); i--) {
    const t = tokens[i]!;
    if (INDEFINITE.has(t.lower)) return plainGap(tokens, trigger.end, i);
    if (!t.isWord || t.capitalised || prepositions.has(t.lower) || PARTICULAR.has(t.lower)) return false;
  }
  return false;
}

/** How many words may stand between the word of seeking and "a" ("push to broker a deal", "pressing hard for a deal"). */
const GAP_REACH = 3;

/** "push to broker a deal", not "pressed Ukraine to accept a deal" (the deal another side is pushed to accept is a particular one). */
function plainGap(tokens: readonly Token[], from: number, to: number): boolean {
  if (to - from > GAP_REACH) return false;
  for (let i = from; i < to; i++) if (!tokens[i]!.isWord || tokens[i]!.capitalised) return false;
  return true;
}
