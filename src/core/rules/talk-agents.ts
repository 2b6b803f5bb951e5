// Talks and their hosts (issue 8, kind 2, talk acts; v13b): "The talks were chaired by Turkish Foreign Minister Hakan
// Fidan", "The meeting, mediated by Turkey, lasted two hours", "the talks, which were facilitated by Türkiye": the side that
// hosts, chairs or mediates a round of talks backs them (an act, annotation rule 6), as "Turkey hosted the talks" does.
import { grammar, stanceLists } from '../lexicon/index.js';
import type { Mention } from '../mentions.js';
import { isNegator } from '../polarity.js';
import type { Token } from '../text.js';

/** "hosted", "chaired", "mediated" ...: what the agent after "by" did to the talks (`lists.talkAgentParticiples`). */
const TALK_AGENT_PARTICIPLES = new Set(stanceLists.talkAgentParticiples);
/** The talks themselves: "talks", "meeting", "round" ... (`lists.talkAgentNouns`). */
const TALK_NOUNS = new Set(stanceLists.talkAgentNouns);
/** What may stand between the talks and the participle: "were", "which had been", "jointly", a comma. */
const TALK_AGENT_FILLERS = new Set(stanceLists.talkAgentFillers);
const determiners = new Set(grammar.determiners);
/** How far before the participle the talks may be named ("The talks on May 16, which were facilitated by"). */
const TALK_AGENT_REACH = 8;

/**
 * The agent mentions of talks hosted, chaired or mediated by a side: the indexes (into `mentions`) of the sides named after
 * "by" whose participle is one of `lists.talkAgentParticiples` and whose talks are named just before it. Not negated ("were
 * not mediated by"). Work is per mention after "by".
 */
export function talkAgentMentions(tokens: readonly Token[], mentions: readonly Mention[]): number[] {
  const out: number[] = [];
  mentions.forEach((m, k) => {
    if (m.actor === undefined || m.oblique !== 'by') return;
    let by = m.start - 1;
    while (by > 0 && determiners.has(tokens[by]!.lower)) by--;
    if (tokens[by]?.lower !== 'by' || !TALK_AGENT_PARTICIPLES.has(tokens[by - 1]?.lower ?? '')) return;
    for (let i = by - 2; i >= Math.max(0, by - 1 - TALK_AGENT_REACH); i--) {
      const t = tokens[i]!;
      if (isNegator(t)) return;
      if (TALK_NOUNS.has(t.lower)) {
        out.push(k);
        return;
      }
      if (!(TALK_AGENT_FILLERS.has(t.lower) || t.text === ',' || /^\d/.test(t.text) || (t.capitalised && i > 0))) return;
    }
  });
  return out;
}
