// Discourse: what carries over between sentences of one document. "He" and "the
// spokesman" point to the side last named as a subject; a quotation gets the speaker
// named after it, before it, inside it between dashes, or of the quotation it continues.
import { findInsetSpeaker, findReportedSpeaker, objectPosition, type Speaker } from './attribution.js';
import { grammar, reporting } from './lexicon/index.js';
import { coordinatedLeft, stateVerbAfter, type Mention } from './mentions.js';
import { stemSet } from './phrases.js';
import type { CueMatch, Trigger } from './polarity.js';
import { tokenText, type QuoteSpan, type Sentence, type Token } from './text.js';

/** A sentence with everything the rules read in it. */
export interface Analysed {
  readonly sentence: Sentence;
  readonly tokens: Token[];
  readonly mentions: Mention[];
  readonly cues: CueMatch[];
  readonly triggers: Trigger[];
  readonly clauses: number[];
}

const reportingStems = stemSet(reporting.verbs.filter((v) => !v.includes(' ')));

/**
 * Resolves "he", "the spokesman" and "his" to the actor last named as a subject, in reading
 * order; "it"/"the country" to a state named as a subject in this or the last sentence;
 * "both sides" to the last pair named together; a sentence-initial "They" to the sides
 * listed together as the last sentence's subject.
 */
export function resolvePronouns(analysed: readonly Analysed[], spans: readonly QuoteSpan[], stateNames: ReadonlySet<string> = new Set()): void {
  let lastPerson: string | undefined;
  let personSetIn = -1;
  let lastPair: [string, string] | undefined;
  let lastState: { actor: string; index: number } | undefined;
  let lastGroup: { actors: string[]; index: number } | undefined;
  let span = 0;
  for (const a of analysed) {
    // "Sikorski told reporters ...": a speaker the tracker does not know; "he" next is not the last known side.
    const first = a.tokens[0];
    if (first?.capitalised && first.isWord && !a.mentions.some((m) => m.start === 0) && reportingStems.has(a.tokens[1]?.stem ?? '')) lastPerson = undefined;
    for (const m of a.mentions) {
      const offset = a.tokens[m.start]!.start;
      while (span < spans.length && spans[span]!.end <= offset) span++;
      // A side named inside a quotation is what the speaker talks about, not who "he" is next.
      const quoted = span < spans.length && spans[span]!.start <= offset;
      if (m.kind === 'state-pronoun') {
        if (lastState && a.sentence.index - lastState.index <= 1) m.actor = lastState.actor;
      } else if (m.kind === 'plural-pronoun' && m.start === 0 && a.tokens[0]!.lower === 'they' && !quoted) {
        if (lastGroup && a.sentence.index - lastGroup.index === 1) {
          m.actor = lastGroup.actors[0];
          m.others = lastGroup.actors.slice(1);
        }
      } else if (m.kind === 'pair') {
        if (lastPair) {
          m.actor = lastPair[0];
          m.others = [lastPair[1]];
        }
      } else if (m.kind === 'person-pronoun' || m.kind === 'title') {
        m.actor = lastPerson;
      } else if (m.possessive && m.actor !== undefined && speechNounThat(a.tokens, m.end)) {
        lastPerson = m.actor; // "Trump's announcement that he was suspending aid": "he" is Trump
      } else if ((m.kind === 'name' || m.kind === 'group') && m.oblique === undefined && !m.modifier && !m.possessive && !quoted
        && !objectPosition(a.tokens, m, a.tokens.length)) { // "visited Kyiv", "left Ukraine defenceless": an object is not who "he" is next
        // "Zelensky signalled he could forgo NATO membership ... He also said": the sentence's first side, its subject, is who "he" is next.
        if (personSetIn !== a.sentence.index || lastPerson === undefined) lastPerson = m.actor;
        if (m.actor !== undefined) personSetIn = a.sentence.index;
        // The first state in the sentence that a verb follows: "Türkiye has maintained ties ... since Russia invaded".
        if (m.actor !== undefined && m.kind === 'name' && stateVerbAfter(a.tokens[m.end]) && stateNames.has(tokenText(a.tokens, m.start, m.end).toLowerCase())
          && lastState?.index !== a.sentence.index) {
          lastState = { actor: m.actor, index: a.sentence.index };
        }
        const listed = new Set<string>();
        for (const x of coordinatedLeft(a.tokens, a.mentions, a.mentions.indexOf(m))) if (x.actor !== undefined) listed.add(x.actor);
        if (listed.size >= 2) lastGroup = { actors: [...listed], index: a.sentence.index };
        // "The US and Ukraine ... both sides": two sides named together as a subject.
        const k = a.mentions.indexOf(m);
        const prev = a.mentions[k - 1];
        if (prev?.actor !== undefined && m.actor !== undefined && prev.actor !== m.actor && prev.oblique === undefined
          && a.tokens.slice(prev.end, m.start).every((t) => t.lower === 'and' || t.lower === 'the')) lastPair = [prev.actor, m.actor];
      }
    }
  }
}

const speechNouns = new Set(grammar.speechNouns);
function speechNounThat(tokens: readonly Token[], end: number): boolean {
  return tokens[end]?.text === "'s" && speechNouns.has(tokens[end + 1]?.lower ?? '') && tokens[end + 2]?.lower === 'that';
}

function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  for (let i = 0; i < tokens.length; i++) if (tokens[i]!.end > offset) return i;
  return tokens.length;
}

const RUN_ON_CHARS = 200;

/** The speaker of each quotation, found after it, before it, or set inside it between dashes. */
export function quoteSpeakers(analysed: readonly Analysed[], spans: readonly QuoteSpan[]): Map<QuoteSpan, Speaker> {
  const out = new Map<QuoteSpan, Speaker>();
  const sentenceAt = (offset: number): Analysed | undefined => {
    let lo = 0;
    let hi = analysed.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const a = analysed[mid]!;
      if (offset < a.sentence.start) hi = mid - 1;
      else if (offset >= a.sentence.end + 1) lo = mid + 1;
      else return a;
    }
    return undefined;
  };
  let previous: QuoteSpan | undefined;
  for (const span of spans) {
    if (span.end - span.start < 12) continue; // a quoted word or two is a label, not speech
    let speaker: Speaker | undefined;
    if (span.closeAt >= 0) {
      const a = sentenceAt(span.closeAt);
      if (a) {
        const from = tokenIndexAt(a.tokens, span.closeAt + 1);
        speaker = findReportedSpeaker(a.tokens, a.mentions, a.clauses, from, Math.min(a.tokens.length, from + 6));
      }
    }
    if (!speaker && span.openAt >= 0) {
      const a = sentenceAt(span.openAt);
      if (a) {
        const to = tokenIndexAt(a.tokens, span.openAt);
        speaker = findReportedSpeaker(a.tokens, a.mentions, a.clauses, Math.max(0, to - 12), to);
      }
    }
    if (!speaker) {
      const first = sentenceAt(span.start);
      for (let k = first ? analysed.indexOf(first) : 0; k < analysed.length && !speaker; k++) {
        const a = analysed[k]!;
        if (a.sentence.start >= span.end) break;
        if (a.sentence.end <= span.start) continue;
        speaker = findInsetSpeaker(a.tokens, a.mentions, a.clauses);
      }
    }
    // Speech that runs on: a quotation right after an attributed one, with no speaker of its own, continues it.
    if (!speaker && previous && span.start - previous.end <= RUN_ON_CHARS) speaker = out.get(previous);
    if (speaker) out.set(span, { ...speaker, quoted: true });
    if (span.end - span.start >= 12) previous = span;
  }
  return out;
}
