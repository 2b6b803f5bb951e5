// Another conflict's term (issue 8, v14b; issue 8's "a ceasefire named as background"): "brokering a ceasefire between Israel
// and Hamas", "a truce between Armenia and Azerbaijan": a term whose parties, named right after "between", are sides the
// tracker does not know is another war's; no stance word reaches it. "a ceasefire between Russia and Ukraine" keeps it.
import type { Mention } from '../mentions.js';
import type { Token } from '../text.js';

/** Whether the cue ending at `end` is followed by "between" and a name that is no tracked side ("between Israel and Hamas"). */
export function betweenOtherParties(tokens: readonly Token[], mentions: readonly Mention[], end: number): boolean {
  if (tokens[end]?.lower !== 'between') return false;
  let i = end + 1;
  if (tokens[i]?.lower === 'the') i++;
  const name = tokens[i];
  if (name === undefined || !name.capitalised || !name.isWord) return false;
  // Both parties must be unknown: "between Israel and Hamas", not "between Kyiv and Hamas".
  for (let j = i; j < Math.min(tokens.length, i + 8); j++) {
    const t = tokens[j]!;
    if (mentions.some((m) => m.start <= j && j < m.end && m.actor !== undefined)) return false;
    if (!t.isWord && t.text !== '-') break;
    if (!t.capitalised && t.lower !== 'and' && t.lower !== 'the') break;
  }
  return true;
}
