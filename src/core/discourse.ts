// Discourse: what carries over between sentences of one document. "He" and "the
// spokesman" point to the side last named as a subject; a quotation gets the speaker
// named after it, before it, inside it between dashes, or of the quotation it continues.
import { actorsOf, findInsetSpeaker, findReportedSpeaker, objectPosition, subjectLeft, type Speaker } from './attribution.js';
import { attributionLists, grammar, reporting, wordLists } from './lexicon/index.js';
import { allPartiesEnd, coordinatedLeft, coordinatedRight, stateVerbAfter, stateVerbAfterApposition, type Mention } from './mentions.js';
import { stemSet } from './phrases.js';
import { attributiveParticiple, leftLimit, type CueMatch, type Trigger } from './polarity.js';
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

const PARTIES_PREPOSITIONS = new Set(attributionLists.partiesPrepositions);
/** Sentences after the list of parties in which "all parties" still points to it. */
const PARTIES_REACH = 2;

/** Whether `m` is the first of the list after "between" (the preposition, "the" or title words at most before it), not a later conjunct. */
function listOpensAt(tokens: readonly Token[], m: Mention): boolean {
  for (let i = m.start - 1; i >= 0 && i >= m.start - 4; i--) {
    const t = tokens[i]!;
    if (PARTIES_PREPOSITIONS.has(t.lower)) return true;
    if (!t.isWord || COORDINATOR_WORDS.has(t.lower)) return false;
  }
  return false;
}
const COORDINATOR_WORDS = new Set(wordLists.coordinators);

/** "all parties", "the three sides" (not "both sides", "the parties"): every side of the last list of parties. */
function allParties(tokens: readonly Token[], m: Mention): boolean {
  // "negotiators from all three countries": the people's noun may open the mention.
  for (let j = m.start; j < m.end - 1; j++) if (allPartiesEnd(tokens, j) === m.end) return true;
  return false;
}

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
  let lastParties: { actors: string[]; index: number } | undefined;
  let span = 0;
  let closing = 0;
  for (const a of analysed) {
    // "Sikorski told reporters ...": a speaker the tracker does not know; "he" next is not the last known side.
    // "Analyst John Smith says ...", "In an interview, Andrei Kelin told ...": the sentence's speaker is a name the tracker does not know.
    const unknownFrom = unknownSpeakerVerb(a);
    if (unknownFrom >= 0) lastPerson = undefined;
    for (const m of a.mentions) {
      if (unknownFrom >= 0 && m.start > unknownFrom) break; // what the unknown speaker says is not who "he" is next
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
      } else if (m.kind === 'pair' && allParties(a.tokens, m) && lastParties && a.sentence.index - lastParties.index <= PARTIES_REACH) {
        m.actor = lastParties.actors[0];
        m.others = lastParties.actors.slice(1);
      } else if (m.kind === 'pair') {
        if (lastPair) {
          m.actor = lastPair[0];
          m.others = [lastPair[1]];
        }
      } else if (m.kind === 'title' && PLURAL_PEOPLE.has(a.tokens[m.end - 1]!.lower) && lastGroup && a.sentence.index - lastGroup.index <= 1 && !quoted) {
        // "Macron and Starmer met in London. The leaders backed ...": a plural title is the sides just named together.
        m.actor = lastGroup.actors[0];
        m.others = lastGroup.actors.length > 1 ? lastGroup.actors.slice(1) : undefined;
      } else if (m.kind === 'person-pronoun' || m.kind === 'title') {
        m.actor = (m.kind === 'person-pronoun' && !quoted ? (m.possessive ? clauseSubjectBefore(a, m, stateNames) : reporterBefore(a, m)) : undefined) ?? lastPerson;
      } else if (m.possessive && m.actor !== undefined && speechNounThat(a.tokens, m.end)) {
        lastPerson = m.actor; // "Trump's announcement that he was suspending aid": "he" is Trump
      // "This was announced by President Zelensky.": a passive's "by" agent is who acted, as a subject is.
      } else if ((m.kind === 'name' || m.kind === 'group') && (m.oblique === undefined || m.oblique === 'by' || accordingTo(a.tokens, m)) && !m.modifier && !m.possessive && !quoted
        && !objectPosition(a.tokens, m, a.tokens.length) && !objectConjunct(a, m)) { // "visited Kyiv", "left Ukraine defenceless": an object is not who "he" is next
        // "Zelensky signalled he could forgo NATO membership ... He also said": the sentence's first side, its subject, is who "he" is next.
        if (personSetIn !== a.sentence.index || lastPerson === undefined) lastPerson = m.actor;
        if (m.actor !== undefined) personSetIn = a.sentence.index;
        // The first state in the sentence that a verb follows: "Türkiye has maintained ties ... since Russia invaded".
        // Not the last of coordinated states ("France and Germany issued a statement. It backed ..." is the statement).
        if (m.actor !== undefined && m.kind === 'name' && (stateVerbAfter(a.tokens[m.end]) || stateVerbAfterApposition(a.tokens, m.end)) && stateNames.has(tokenText(a.tokens, m.start, m.end).toLowerCase())
          && lastState?.index !== a.sentence.index && coordinatedLeft(a.tokens, a.mentions, a.mentions.indexOf(m)).length === 1) {
          lastState = { actor: m.actor, index: a.sentence.index };
        }
        const listed = new Set<string>();
        for (const x of coordinatedLeft(a.tokens, a.mentions, a.mentions.indexOf(m))) if (x.actor !== undefined) listed.add(x.actor);
        if (listed.size >= 2) lastGroup = { actors: [...listed], index: a.sentence.index };
        // "European leaders met in Paris. They backed ...": one side's people named in the plural are a group too.
        else if (m.actor !== undefined && PLURAL_PEOPLE.has(a.tokens[m.end - 1]!.lower) && lastGroup?.index !== a.sentence.index) {
          lastGroup = { actors: [m.actor], index: a.sentence.index };
        }
        // "The US and Ukraine ... both sides": two sides named together as a subject.
        const k = a.mentions.indexOf(m);
        // "Trump met Putin in Alaska. The two leaders ...": a side and the side it met are a pair too.
        // Only when the sentence names no third side ("spoke with Zelensky and later with Trump" is no pair).
        const met = metSide(a.tokens, m, a.mentions[k + 1]);
        if (met !== undefined && new Set(a.mentions.map((x) => x.actor).filter((x) => x !== undefined)).size === 2) {
          lastPair = [m.actor!, met];
          lastParties = { actors: lastPair, index: a.sentence.index };
        }
        const prev = a.mentions[k - 1];
        if (prev?.actor !== undefined && m.actor !== undefined && prev.actor !== m.actor && prev.oblique === undefined
          && a.tokens.slice(prev.end, m.start).every((t) => t.lower === 'and' || t.lower === 'the')) {
          lastPair = [prev.actor, m.actor];
          lastParties = { actors: lastPair, index: a.sentence.index };
        }
      }
      // "talks between Ukraine, Russia, and the United States ... all parties": the sides listed after "between" are the parties.
      if (m.oblique !== undefined && PARTIES_PREPOSITIONS.has(m.oblique) && (m.kind === 'name' || m.kind === 'group') && listOpensAt(a.tokens, m)) {
        const listed = new Set<string>();
        for (const x of coordinatedRight(a.tokens, a.mentions, a.mentions.indexOf(m))) if (x.actor !== undefined) listed.add(x.actor);
        if (listed.size >= 2 && !(lastParties?.index === a.sentence.index && lastParties.actors.length > listed.size)) lastParties = { actors: [...listed], index: a.sentence.index };
        if (listed.size === 2) lastPair = [...listed] as [string, string];
      }
    }
    // '"We have set conditions," De Wever said.': an unknown speaker after a quotation is who "he" is next, and the tracker does not know him.
    while (closing < spans.length && spans[closing]!.closeAt < a.sentence.start) closing++;
    if (closing < spans.length && spans[closing]!.closeAt < a.sentence.end && unknownSpeakerAfterQuote(a, spans[closing]!.closeAt)) lastPerson = undefined;
  }
}

/**
 * "..., as demanded by Ukraine, would mean Putin would have to give up on his demand": "his" is the person named as the
 * subject of its own clause, not the side "he" would be next. The nearest name before the pronoun, in the same clause,
 * neither an object nor after a preposition, and not a state ("Russia ... his" is no person).
 */
function clauseSubjectBefore(a: Analysed, m: Mention, stateNames: ReadonlySet<string>): string | undefined {
  const k = a.mentions.indexOf(m);
  const prev = a.mentions[k - 1];
  if (prev === undefined || prev.actor === undefined || prev.kind !== 'name' || prev.oblique !== undefined || prev.possessive || prev.modifier) return undefined;
  if (a.clauses[prev.start] !== a.clauses[m.start] || stateNames.has(tokenText(a.tokens, prev.start, prev.end).toLowerCase())) return undefined;
  if (objectPosition(a.tokens, prev, m.start)) return undefined;
  return prev.actor;
}

const OBJECT_PRONOUNS = new Set(wordLists.objectPronouns);
const DEFINITE_OPENERS = new Set(['the', 'this', 'that', 'these', 'those']);
/** "the leaders", "European officials": people in the plural, whom "they" and a plural title point back to. */
const PLURAL_PEOPLE = new Set(attributionLists.pluralPeopleNouns);

/**
 * "Speaking alongside Macron, Zelensky said he backed ...", "Trump said Putin told him he backed ...": "he" right after a
 * reporting verb ("that" and the person told between at most) is that verb's subject, a side the tracker knows.
 */
function reporterBefore(a: Analysed, m: Mention): string | undefined {
  const tokens = a.tokens;
  let v = m.start - 1;
  if (tokens[v]?.lower === 'that') v--;
  if (v > 0 && !reportingStems.has(tokens[v]!.stem)) {
    const told = a.mentions.find((x) => x.end === v + 1);
    if (OBJECT_PRONOUNS.has(tokens[v]!.lower)) v--;
    else if (told !== undefined && (told.kind === 'name' || told.kind === 'group')) v = told.start - 1;
    else return undefined;
  }
  const verb = tokens[v];
  if (verb === undefined || verb.capitalised || !reportingStems.has(verb.stem)) return undefined;
  const subject = subjectLeft(tokens, a.mentions, v, leftLimit(tokens, a.clauses, v));
  if (!Array.isArray(subject)) return undefined;
  return subject.find((x) => (x.kind === 'name' || x.kind === 'group') && x.actor !== undefined)?.actor;
}

/** "According to the Russian official, ...": the side after "according to" is the sentence's speaker, who "he" is next. */
function accordingTo(tokens: readonly Token[], m: Mention): boolean {
  let i = m.start - 1;
  while (i > 0 && (tokens[i]!.lower === 'the' || tokens[i]!.lower === 'a')) i--;
  return tokens[i]?.lower === 'to' && tokens[i - 1]?.lower === 'according';
}

/** "accused the UK, France and other nations of ...": a later conjunct of an object is an object too, not who "he" is next. */
function objectConjunct(a: Analysed, m: Mention): boolean {
  const listed = coordinatedLeft(a.tokens, a.mentions, a.mentions.indexOf(m));
  const first = listed[listed.length - 1]!;
  return first !== m && objectPosition(a.tokens, first, a.tokens.length);
}

/** Capitalised words a name the tracker does not know may have ("Analyst John Smith", "Mr De Wever"). */
const UNKNOWN_NAME_WORDS = 4;

/**
 * "Sikorski told reporters ...", "Analyst John Smith says ...", "In an interview, Andrei Kelin told ...": where a sentence's
 * first reporting verb follows a name the tracker does not know (capitalised words right before it, opening the sentence or
 * after a comma, with no side named before them but in a prepositional opener), the verb's index; else -1.
 */
function unknownSpeakerVerb(a: Analysed): number {
  const tokens = a.tokens;
  let v = 1;
  for (; v < Math.min(tokens.length, 12); v++) if (!tokens[v]!.capitalised && reportingStems.has(tokens[v]!.stem)) break;
  if (v >= Math.min(tokens.length, 12)) return -1;
  let ns = v;
  while (ns > 0 && v - ns < UNKNOWN_NAME_WORDS && tokens[ns - 1]!.isWord && tokens[ns - 1]!.capitalised && tokens[ns - 1]!.text !== 'I') ns--;
  if (ns === v || (ns > 0 && tokens[ns - 1]!.text !== ',')) return -1;
  if (a.mentions.some((m) => m.start < v && (m.end > ns || m.oblique === undefined))) return -1;
  return v;
}

/**
 * '"...," De Wever said.': a name the tracker does not know right after a closing quotation mark, then a reporting verb.
 * Read from the sentence's first closing mark (at offset `closeAt`) on: only sentences that close a quotation pay for it.
 */
function unknownSpeakerAfterQuote(a: Analysed, closeAt: number): boolean {
  const tokens = a.tokens;
  let from = 1;
  while (from < tokens.length && tokens[from - 1]!.start < closeAt) from++;
  for (let i = from; i + 1 < tokens.length; i++) {
    if (tokens[i - 1]!.text !== '"' || !tokens[i]!.isWord || !tokens[i]!.capitalised || tokens[i]!.text === 'I') continue;
    if (a.mentions.some((m) => m.start <= i && i < m.end)) continue;
    let j = i + 1;
    while (j < tokens.length && j <= i + 2 && tokens[j]!.isWord && tokens[j]!.capitalised) j++;
    if (reportingStems.has(tokens[j]?.stem ?? '') && !a.mentions.some((m) => m.start > i && m.start < j)) return true;
  }
  return false;
}

/**
 * The speaker of the reporting verb nearest before a quotation opening at token `to`, when a later reporting verb than
 * the first one found (`first`, at `first.verbAt`) stands before it: "Trump said Putin told him: '...'" is Putin's.
 */
function nearestReportBefore(a: Analysed, to: number, first: Speaker & { verbAt: number }): Speaker & { verbAt: number } {
  let best = first;
  for (let from = first.verbAt + 1; from < to; from++) {
    const later = findReportedSpeaker(a.tokens, a.mentions, a.clauses, from, to);
    // "Trump quoted Putin as saying": a participle reports for its clause's subject, not for the quoted side.
    if (!later || a.tokens[later.verbAt]!.lower.endsWith('ing')) break;
    best = later;
    from = later.verbAt;
  }
  return best;
}

const PAIR_MEETING_VERBS = new Set(attributionLists.pairMeetingVerbs);
const PAIR_MEETING_FILLERS = new Set(attributionLists.pairMeetingFillers);
/** How many words may stand between a side and the side it met ("spoke by phone with", "held talks with"). */
const PAIR_MEETING_REACH = 4;

/**
 * The side that `m` met, spoke with or hosted when `next` names it right after the meeting verb ("Trump met Putin", "Trump
 * spoke by phone with Putin", "Erdogan hosted Zelensky"), or undefined.
 */
function metSide(tokens: readonly Token[], m: Mention, next: Mention | undefined): string | undefined {
  if (next === undefined || next.actor === undefined || next.actor === m.actor || m.actor === undefined || next.possessive) return undefined;
  const between = tokens.slice(m.end, next.start);
  if (between.length === 0 || between.length > PAIR_MEETING_REACH || !PAIR_MEETING_VERBS.has(between[0]!.lower)) return undefined;
  return between.slice(1).every((t) => PAIR_MEETING_FILLERS.has(t.lower)) ? next.actor : undefined;
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
    // '"...," a Russian analyst said.', 'Smith, an analyst, said: "..."': a speaker the tracker does not know; the quotation
    // neither continues the one before nor is spoken by the side the paragraph before reported.
    let attributed = false;
    if (span.closeAt >= 0) {
      const a = sentenceAt(span.closeAt);
      if (a) {
        const from = tokenIndexAt(a.tokens, span.closeAt + 1);
        speaker = findReportedSpeaker(a.tokens, a.mentions, a.clauses, from, Math.min(a.tokens.length, from + 6));
        attributed = speaker === undefined && reportedNear(a, from, Math.min(a.tokens.length, from + 6));
      }
    }
    if (!speaker && span.openAt >= 0) {
      const a = sentenceAt(span.openAt);
      if (a) {
        const to = tokenIndexAt(a.tokens, span.openAt);
        const first = findReportedSpeaker(a.tokens, a.mentions, a.clauses, Math.max(0, to - 12), to);
        // "Trump said Putin told him: '...'": the reporting verb nearest the quotation reports it, not the first one.
        if (first) speaker = nearestReportBefore(a, to, first);
        else if (reportedNear(a, Math.max(0, to - 12), to, to - 2)) attributed = true;
      }
    }
    if (attributed) {
      if (span.end - span.start >= 12) previous = span;
      continue;
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
    if (!speaker) speaker = speakerIntroducing(analysed, sentenceAt(span.start), span);
    if (speaker) out.set(span, { ...speaker, quoted: true });
    if (span.end - span.start >= 12) previous = span;
  }
  return out;
}

/**
 * A reporting verb (not a capitalised word) among a's tokens [verbFrom, to), and no mention at all in [from, to) (not even
 * "he" or "the spokesman", which discourse may resolve): the quotation next to it has a speaker the tracker does not know.
 */
function reportedNear(a: Analysed, from: number, to: number, verbFrom = from): boolean {
  if (a.mentions.some((m) => m.start < to && m.end > from)) return false;
  for (let i = Math.max(0, verbFrom); i < to; i++) {
    const t = a.tokens[i]!;
    // The verb ends the attribution ('a Russian analyst said.', 'Smith said: "'), or opens it inverted ('," said Smith'):
    // not a noun of the same stem ("early warning of").
    const next = a.tokens[i + 1]?.text;
    if (!t.capitalised && reportingStems.has(t.stem) && (i === from + 1 || next === undefined || next === '.' || next === ',' || next === ':')) {
      // '," the Head of State said': a definite title may point back to a side named before; only an indefinite or a name is unknown.
      return !a.tokens.slice(from, i).some((x) => DEFINITE_OPENERS.has(x.lower));
    }
  }
  return false;
}

/**
 * 'This was announced by President Zelensky.' then a paragraph that opens with a quotation and names no speaker: the
 * side the paragraph before ended by reporting speaks it. Only a quotation that opens its paragraph, right after a
 * paragraph whose last sentence reports a side's words (not a guess), and outside any quotation itself.
 */
function speakerIntroducing(analysed: readonly Analysed[], a: Analysed | undefined, span: QuoteSpan): Speaker | undefined {
  if (a === undefined || a.sentence.index === 0) return undefined;
  const opening = a.tokens[0];
  if (opening === undefined || opening.start !== span.openAt || analysed[a.sentence.index - 1]!.sentence.paragraph >= a.sentence.paragraph) return undefined;
  const before = analysed[a.sentence.index - 1]!;
  if (before.sentence.paragraph !== a.sentence.paragraph - 1 || before.tokens.some((t) => t.text === '"')) return undefined;
  const reported = findReportedSpeaker(before.tokens, before.mentions, before.clauses, 0, before.tokens.length);
  return reported && !reported.speculative ? reported : undefined;
}

const SIGNATURE_HEADS = new Set(wordLists.signatureHeads);
const SIGNATURE_VERB_HEADS = new Set(wordLists.signatureVerbHeads);
const STATEMENT_NOUNS = new Set(wordLists.statementNouns);
const SIGNING_VERBS = new Set(wordLists.signingVerbs);
// Every word without which a sentence neither names a statement nor its signatories (namesStatement,
// statementSignatories): one lookup a token lets most sentences skip both scans.
const STATEMENT_WORDS = new Set([...STATEMENT_NOUNS, ...SIGNING_VERBS, ...SIGNATURE_HEADS]);
const SIGNATORY_FILLERS = new Set(wordLists.signatoryListFillers);
/** "the leaders of several EU Member States (Germany, France and Poland) and non-EU countries (UK, Norway)": the members a group's brackets list sign too. */
const SIGNATORY_PUNCTUATION = new Set([',', '(', ')']);
const COLLECTIVE_AUTHORS = new Set(wordLists.collectiveAuthors);
const HEADS_OF = new Set(wordLists.headsOf);
const SPEECH_VOICE_NOUNS = new Set(wordLists.speechVoiceNouns);
const OTHER_DOCUMENT_FOLLOWERS = new Set(wordLists.otherDocumentFollowers);
/** A statement named in the title or first lines is the document itself: it speaks for its signatories throughout. */
const OPENING_PARAGRAPHS = 1;
/**
 * A statement reported inside an article: "they", "the leaders" in the paragraphs around its signature, back to the
 * paragraph that introduces it ("In a joint statement, ...") when that is no further than STATEMENT_REACH.
 */
const LOCAL_BEFORE = 2;
const STATEMENT_REACH = 6;
const LOCAL_AFTER = 1;
/** How many paragraphs after its signature an article may go on reporting a statement ("The heads of state agreed ..."). */
const STATEMENT_RUN = 8;
const EUROPE_NAMES = new Set(wordLists.europeNames);
/** A speech is named in the title, the dateline or the first quoted lines of the text. */
const SPEECH_OPENING_PARAGRAPHS = 3;
/** A text that says "I"/"we" outside quotations in this many sentences is itself someone's speech. */
const FIRST_PERSON_SENTENCES = 3;

/**
 * The tracked sides listed right after `from` ("by Chancellor Merz, President Macron and Prime Minister Starmer"):
 * names joined by commas, "and", "as well as", titles and role words, and the members a group lists in brackets
 * ("the leaders of several EU Member States (Germany, France)"); the list ends at any other word.
 */
function listedAfter(a: Analysed, from: number): string[] {
  const out: string[] = [];
  let pos = from;
  for (const m of a.mentions) {
    if (m.start < from) continue;
    if (m.kind !== 'name' && m.kind !== 'group') break;
    let joined = true;
    for (let i = pos; i < m.start && joined; i++) {
      const t = a.tokens[i]!;
      joined = t.isWord ? t.capitalised || SIGNATORY_FILLERS.has(t.lower) : SIGNATORY_PUNCTUATION.has(t.text);
    }
    if (!joined) break;
    if (m.actor !== undefined) out.push(m.actor, ...(m.others ?? []));
    pos = m.end;
  }
  return [...new Set(out)];
}

/**
 * The signatories a sentence names for a statement: "Statement by A, B and C", "the declaration was signed by A and B",
 * "A, B and C issued a joint statement". Empty when it names none the tracker knows.
 */
export function statementSignatories(a: Analysed): string[] {
  const tokens = a.tokens;
  let statementSeen = false;
  for (let i = 1; i < tokens.length; i++) {
    const lower = tokens[i]!.lower;
    if (STATEMENT_NOUNS.has(lower)) statementSeen = true;
    if (lower === 'by' && SIGNATURE_HEADS.has(tokens[i - 1]!.lower)
      && (statementSeen || !SIGNATURE_VERB_HEADS.has(tokens[i - 1]!.lower))) {
      const listed = listedAfter(a, i + 1);
      if (listed.length > 0) return listed;
    }
    // "Britain, France and Germany issued a joint statement": the list is the subject of the signing verb.
    // Not "condemning a recently signed Paris declaration": a participle before its noun names nobody who signed.
    if (SIGNING_VERBS.has(lower) && tokens.slice(i + 1, i + 5).some((t) => STATEMENT_NOUNS.has(t.lower)) && !attributiveParticiple(tokens, i)) {
      const subject = subjectLeft(tokens, a.mentions, i, 0);
      if (Array.isArray(subject) && subject.length > 0) return actorsOf(subject);
    }
  }
  return [];
}

/** "Zelensky's address", "Putin's nightly video address": the possessor of a speech named in the opening lines. */
function speechOwner(a: Analysed): string | undefined {
  for (const m of a.mentions) {
    if (!m.possessive || m.actor === undefined || m.others !== undefined || (m.kind !== 'name' && m.kind !== 'group')) continue;
    for (let i = m.end + 1; i <= m.end + 3 && i < a.tokens.length; i++) {
      const t = a.tokens[i]!;
      if (SPEECH_VOICE_NOUNS.has(t.lower)) return m.actor;
      if (!t.isWord || t.capitalised) break;
    }
  }
  return undefined;
}

function namesStatement(a: Analysed): boolean {
  for (const t of a.tokens) if (STATEMENT_NOUNS.has(t.lower)) return true;
  return false;
}

/** "This statement was adopted by ...", "This declaration is signed by ...": a statement that names itself. */
function selfSigned(a: Analysed): boolean {
  return a.tokens[0]?.lower === 'this' && STATEMENT_NOUNS.has(a.tokens[1]?.lower ?? '');
}

/** "Statement by ...", "Joint declaration of ...": the sentence is the statement's own heading. */
function opensWithStatement(a: Analysed): boolean {
  for (let i = 0; i < Math.min(3, a.tokens.length); i++) if (STATEMENT_NOUNS.has(a.tokens[i]!.lower)) return true;
  return false;
}

/** '"...," said President Zelensky in his nightly address': one speaker of a reporting verb followed by a speech noun. */
function speakerInAddress(a: Analysed): string | undefined {
  const reported = findReportedSpeaker(a.tokens, a.mentions, a.clauses, 0, a.tokens.length);
  if (!reported || reported.actors.length !== 1 || reported.speculative) return undefined;
  for (let i = reported.verbAt + 1; i < Math.min(a.tokens.length, reported.verbAt + 14); i++) if (SPEECH_VOICE_NOUNS.has(a.tokens[i]!.lower) && a.tokens[i - 1]!.isWord && !a.tokens[i - 1]!.capitalised) return reported.actors[0];
  return undefined;
}

function insideQuote(spans: readonly QuoteSpan[], offset: number): boolean {
  for (const s of spans) if (s.start <= offset && offset < s.end) return true;
  return false;
}

/** "the leaders", "the signatories", "the joint statement" (not "the statement released by ..."): a mention of the authors. */
function collectiveAuthorsIn(a: Analysed): Mention[] {
  const out: Mention[] = [];
  const tokens = a.tokens;
  for (let i = 0; i < tokens.length; i++) {
    // "the heads of state", "the heads of government": the signatories, as "the leaders" is.
    if (tokens[i]!.lower === 'heads' && tokens[i + 1]?.lower === 'of' && HEADS_OF.has(tokens[i + 2]?.lower ?? '') && tokens[i - 1]?.lower === 'the'
      && !a.mentions.some((m) => m.start <= i + 2 && i <= m.end)) {
      out.push({ actor: undefined, kind: 'collective', start: i - 1, end: i + 3, oblique: undefined, possessive: false, modifier: false, others: undefined });
      i += 2;
      continue;
    }
    if (!COLLECTIVE_AUTHORS.has(tokens[i]!.lower)) continue;
    let start = i;
    if (tokens[start - 1]?.lower === 'joint') start--;
    if (tokens[start - 1]?.lower === 'the') start--;
    if (start !== 0 && tokens[start]!.lower !== 'the') continue;
    if (OTHER_DOCUMENT_FOLLOWERS.has(tokens[i + 1]?.lower ?? '')) continue;
    if (a.mentions.some((m) => m.start <= i && i < m.end)) continue;
    out.push({ actor: undefined, kind: 'collective', start, end: i + 1, oblique: undefined, possessive: tokens[i + 1]?.text === "'s", modifier: false, others: undefined });
  }
  return out;
}

/**
 * Whose voice a document or a passage speaks in, when no sentence names its speaker:
 * - a statement whose signatories are listed in the opening lines ("Statement by A, B and C") speaks for them
 *   throughout: its "we", "they", "the leaders" and its subjectless provisions are theirs;
 * - a statement whose signatories an article names later or earlier ("The statement was signed by A and B")
 *   lends them "they", "the leaders", "the statement" in the paragraphs around the signature;
 * - a speech named in the opening lines ("Zelensky's address") speaks for its owner when the text goes on in
 *   the first person outside quotations.
 * Resolves those mentions in place and returns, per sentence, the voice a sentence with no speaker of its own has.
 */
export function documentVoices(analysed: Analysed[], spans: readonly QuoteSpan[], signed?: Array<readonly string[] | undefined>): Array<Speaker | undefined> {
  const voices: Array<Speaker | undefined> = new Array(analysed.length).fill(undefined);
  let opening: string[] = [];
  let titledStatement = false;
  const local: Array<{ actors: string[]; paragraph: number; from: number; until: number }> = [];
  const introduced: number[] = [];
  let firstPersonSentences = 0;
  let owner: string | undefined;
  for (let k = 0; k < analysed.length; k++) {
    const a = analysed[k]!;
    if (a.sentence.paragraph <= SPEECH_OPENING_PARAGRAPHS && owner === undefined) owner = speechOwner(a) ?? speakerInAddress(a);
    // Counted only once a speech is named (the opening lines come first): most documents never pay for it.
    if (owner !== undefined && firstPersonSentences < FIRST_PERSON_SENTENCES
      && a.mentions.some((m) => m.kind === 'first-person' && !insideQuote(spans, a.tokens[m.start]!.start))) firstPersonSentences++;
    if (!a.tokens.some((t) => STATEMENT_WORDS.has(t.lower))) continue;
    const named = namesStatement(a);
    if (named) introduced.push(a.sentence.paragraph);
    if (named && a.sentence.paragraph <= OPENING_PARAGRAPHS && opensWithStatement(a)) titledStatement = true;
    let signatories = statementSignatories(a);
    if (signatories.length === 0 && named && readoutByThem(a.tokens)) signatories = speakersTogetherBefore(analysed, k);
    if (signatories.length === 0) continue;
    if (k > 0) signatories = [...new Set([...leadersIssuedFor(a, analysed[k - 1]!), ...signatories])];
    // The signatories of each sentence that names them, for what "the declaration" later sets out (documents.ts).
    if (signed) signed[k] = signatories;
    const p = a.sentence.paragraph;
    if (p <= OPENING_PARAGRAPHS && opening.length === 0 && opensWithStatement(a)) opening = signatories;
    // "Joint statement on Ukraine" ... "This statement was adopted by A, B and C.": a statement titled in the opening lines
    // that signs itself at its end is the document; its signatories speak throughout.
    else if (opening.length === 0 && titledStatement && selfSigned(a)) opening = signatories;
    else local.push({ actors: signatories, paragraph: p, from: Math.min(p - LOCAL_BEFORE, introduced.find((q) => q >= p - STATEMENT_REACH) ?? p), until: p + LOCAL_AFTER });
  }
  const whole = opening.length > 0 ? opening : owner !== undefined && firstPersonSentences >= FIRST_PERSON_SENTENCES ? [owner] : [];
  pointVoices(analysed, voices);
  if (whole.length === 0 && local.length === 0) {
    commitmentVoices(analysed, voices);
    return voices;
  }
  for (let k = 0; k < analysed.length; k++) {
    const a = analysed[k]!;
    const p = a.sentence.paragraph;
    const near = local.find((l) => l.from <= p && p <= l.until);
    const group = near ? near.actors : opening;
    if (whole.length > 0 && voices[k] === undefined) voices[k] = { actors: whole, quoted: false, speculative: false };
    if (group.length === 0) continue;
    const collective = collectiveAuthorsIn(a);
    if (collective.length > 0) {
      a.mentions.push(...collective);
      a.mentions.sort((x, y) => x.start - y.start);
      // "The heads of state agreed ...", paragraph after paragraph: the article goes on reporting the statement.
      if (near && p > near.paragraph && p + 1 > near.until) near.until = Math.min(p + 1, near.paragraph + STATEMENT_RUN);
    }
    for (const m of a.mentions) {
      if (insideQuote(spans, a.tokens[m.start]!.start)) continue;
      // "European leaders committed ...", "the leaders of the U.S. and Europe" in a statement signed by European leaders:
      // the signatories, each of them.
      if (group.length > 1 && m.actor !== undefined && group.includes(m.actor) && (m.others === undefined || m.others.length === 0)
        && (COLLECTIVE_AUTHORS.has(a.tokens[m.end - 1]!.lower) || EUROPE_NAMES.has(a.tokens[m.end - 1]!.lower))) {
        m.others = [...new Set([...(m.others ?? []), ...group])].filter((x) => x !== m.actor);
        continue;
      }
      // "The Leaders" is read as a bare title ("the leader") and given the last person named: here it is the signatories.
      const leaders = m.kind === 'title' && COLLECTIVE_AUTHORS.has(a.tokens[m.end - 1]!.lower);
      const they = m.kind === 'plural-pronoun' && a.tokens[m.start]!.lower === 'they';
      // "... adopted by the leaders of France, Germany and Poland. They said": "they" is every signatory, not the sides
      // the signature's list happened to coordinate.
      if (m.actor !== undefined && !leaders && !(they && group.includes(m.actor))) continue;
      if (m.kind === 'collective' || leaders || they) {
        m.actor = group[0];
        m.others = group.length > 1 ? group.slice(1) : undefined;
      }
    }
  }
  commitmentVoices(analysed, voices);
  return voices;
}

const ISSUING_VERBS = new Set(attributionLists.issuingVerbs);

/**
 * "European leaders have welcomed progress ... The statement, issued by the German government, said the leaders ...":
 * a government that issues the statement the leaders just reported speaking made does so for them; the sides of the
 * previous sentence's collective subject ("European leaders", "the leaders of Britain and France") sign it too.
 * Empty unless `a` opens with "The statement" and says who issued it.
 */
function leadersIssuedFor(a: Analysed, before: Analysed): string[] {
  const tokens = a.tokens;
  if (tokens[0]?.lower !== 'the' || !STATEMENT_NOUNS.has(tokens[1]?.lower ?? '')) return [];
  if (!tokens.some((t, i) => ISSUING_VERBS.has(t.lower) && tokens[i + 1]?.lower === 'by')) return [];
  const k = before.mentions.findIndex((m) => m.oblique === undefined && m.actor !== undefined);
  if (k < 0) return [];
  const lead = before.mentions[k]!;
  const leaders = before.tokens.slice(lead.start, lead.end).some((t) => COLLECTIVE_AUTHORS.has(t.lower)) || EUROPE_NAMES.has(before.tokens[lead.end - 1]!.lower);
  if (!leaders) return [];
  return actorsOf(coordinatedRight(before.tokens, before.mentions, k));
}

const COMMITMENT_OPENERS = new Set(attributionLists.commitmentOpeners);
const COMMITMENT_INCLUDES = new Set(attributionLists.commitmentIncludes);
const COMMITMENT_NOUNS = new Set(attributionLists.commitmentNouns);
const COMMIT_VERBS = new Set(attributionLists.commitVerbs);

/** "This would include commitments to:", "This will include commitments, including ...": a sentence that lists what was just committed to. */
function commitmentsListed(tokens: readonly Token[]): boolean {
  if (!COMMITMENT_OPENERS.has(tokens[0]?.lower ?? '')) return false;
  for (let i = 1; i < Math.min(tokens.length, 5); i++) {
    if (!COMMITMENT_INCLUDES.has(tokens[i]!.lower)) continue;
    for (let j = i + 1; j <= i + 3 && j < tokens.length; j++) if (COMMITMENT_NOUNS.has(tokens[j]!.lower)) return true;
    return false;
  }
  return false;
}

/** The sides a sentence reports committing ("Both the US and European leaders committed to work together ..."), with those a statement lends them. */
function committersIn(a: Analysed): string[] {
  for (let i = 1; i < a.tokens.length; i++) {
    if (!COMMIT_VERBS.has(a.tokens[i]!.lower)) continue;
    const subject = subjectLeft(a.tokens, a.mentions, i, 0);
    if (Array.isArray(subject) && subject.length > 0) return actorsOf(subject);
  }
  return [];
}

/**
 * The commitments a side has just made, listed ("Both the US and European leaders committed to ... This would include
 * commitments to: - Provide ... - A European-led force ..."): the listing sentence, and the item paragraphs after it when
 * it ends with a colon, speak for the sides that committed, together with the voice the sentence already had (a
 * statement's signatories). Sets `voices` in place.
 */
function commitmentVoices(analysed: readonly Analysed[], voices: Array<Speaker | undefined>): void {
  for (let k = 1; k < analysed.length; k++) {
    const a = analysed[k]!;
    if (!commitmentsListed(a.tokens)) continue;
    const committers = committersIn(analysed[k - 1]!);
    if (committers.length === 0) continue;
    const voice: Speaker = { actors: [...new Set([...committers, ...(voices[k]?.actors ?? [])])], quoted: false, speculative: false, listed: true };
    voices[k] = voice;
    if (a.tokens[a.tokens.length - 1]?.text !== ':') continue;
    const end = itemsEnd(analysed, k);
    for (let j = k + 1; j < end; j++) voices[j] = { ...voice, actors: [...new Set([...voice.actors, ...(voices[j]?.actors ?? [])])] };
    k = end - 1;
  }
}

const POINT_NOUNS = new Set(wordLists.pointNouns);
const POINT_COUNTS = new Set(wordLists.pointCounts);
const ORDINAL_OPENERS = new Set(wordLists.ordinalOpeners);
const COLLECTIVE_SUBJECTS = new Set(wordLists.collectiveSubjects);
/** How far back a list's "they" or "the leaders" looks for the sides last reported speaking together. */
const POINTS_SPEAKER_REACH = 8;

/**
 * Where a sentence announces a list of points ("The leaders reiterated four key points.", "They set out the following
 * principles:"): the index of the count word before the points noun that ends it, or -1. Reads the sentence's last
 * words only.
 */
function pointsAnnounced(tokens: readonly Token[]): number {
  const n = tokens.length;
  const end = tokens[n - 1]?.text;
  if (end !== '.' && end !== ':') return -1;
  if (!POINT_NOUNS.has(tokens[n - 2]?.lower ?? '')) return -1;
  for (let i = n - 3; i >= Math.max(0, n - 5); i--) {
    const t = tokens[i]!;
    if (POINT_COUNTS.has(t.lower) || /^\d{1,2}$/.test(t.text)) return i;
  }
  return -1;
}

/** "First, ...", '"Second, ...', "3. ...", "- ...": a paragraph that opens as the next item of a list. */
function opensItem(tokens: readonly Token[]): boolean {
  let i = 0;
  while (i < tokens.length && (tokens[i]!.text === '"' || tokens[i]!.text === "'")) i++;
  const t = tokens[i];
  if (!t) return false;
  // "3." before the word test: a number is a word token.
  if (/^\d{1,2}$/.test(t.text)) return true;
  if (t.isWord) return ORDINAL_OPENERS.has(t.lower) && tokens[i + 1]?.text === ',';
  return t.text === '\u2022' || t.text === '-' || t.text === '*';
}

/** "-", "3.", "\u2022": a paragraph that is only an item's marker (a hard-wrapped list puts it on a line of its own). */
function bareItemMarker(tokens: readonly Token[]): boolean {
  return tokens.length <= 2 && opensItem(tokens) && tokens.every((t) => !t.isWord || /^\d{1,2}$/.test(t.text));
}

/**
 * Where the items after the list announced in sentence `k` end (the index of the first sentence past them): the
 * paragraphs that follow, each opening as an item ("First,", "- ...") or coming right after a paragraph that is only
 * an item's marker, until any other paragraph.
 */
function itemsEnd(analysed: readonly Analysed[], k: number): number {
  let paragraph = analysed[k]!.sentence.paragraph;
  let afterMarker = false;
  let j = k + 1;
  for (; j < analysed.length; j++) {
    const b = analysed[j]!;
    if (b.sentence.paragraph !== paragraph) {
      if (b.sentence.paragraph > paragraph + 1 || !(afterMarker || opensItem(b.tokens))) break;
      paragraph = b.sentence.paragraph;
      afterMarker = bareItemMarker(b.tokens);
    }
  }
  return j;
}

/**
 * Who announces a list of points: the side named as the subject before the count ("Britain, France and Germany set out
 * three principles"), or for "they", "the leaders", "the statement" the sides last reported speaking together.
 */
function pointsHolder(analysed: readonly Analysed[], k: number, countAt: number): string[] {
  const a = analysed[k]!;
  const first = a.mentions.find((m) => m.start < countAt && m.oblique === undefined);
  if (first === undefined) {
    // No mention: "They outlined three principles" reads as a collective only with such a word before the count.
    return a.tokens.slice(0, countAt).some((t) => COLLECTIVE_SUBJECTS.has(t.lower)) ? speakersTogetherBefore(analysed, k) : [];
  }
  const collective = first.kind === 'plural-pronoun' || first.kind === 'collective' || COLLECTIVE_SUBJECTS.has(a.tokens[first.end - 1]?.lower ?? '');
  if (collective) return speakersTogetherBefore(analysed, k);
  return first.actor !== undefined && (first.kind === 'name' || first.kind === 'group') ? [first.actor, ...(first.others ?? [])] : [];
}

/** The sides last reported speaking together ("The leaders of Britain, France and Germany said"), up to 8 sentences before `k`. */
function speakersTogetherBefore(analysed: readonly Analysed[], k: number): string[] {
  for (let j = k - 1; j >= Math.max(0, k - POINTS_SPEAKER_REACH); j--) {
    const b = analysed[j]!;
    const reported = findReportedSpeaker(b.tokens, b.mentions, b.clauses, 0, b.tokens.length);
    if (reported && !reported.speculative && reported.actors.length >= 2) return [...reported.actors];
  }
  return [];
}

/** "In a readout afterwards, they said ...", "in a joint statement the leaders said": a statement whose speakers are the group just named. */
function readoutByThem(tokens: readonly Token[]): boolean {
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (COLLECTIVE_SUBJECTS.has(tokens[i]!.lower) && !STATEMENT_NOUNS.has(tokens[i]!.lower) && reportingStems.has(tokens[i + 1]!.stem)) return true;
  }
  return false;
}

/**
 * A list of points a side announces ("The leaders reiterated four key points." then '"First, ...', '"Second, ...'): every
 * sentence of the item paragraphs that follow speaks for the side that announced them, quoted or not, until a paragraph
 * that opens otherwise. Sets `voices` in place for those sentences.
 */
function pointVoices(analysed: readonly Analysed[], voices: Array<Speaker | undefined>): void {
  for (let k = 0; k < analysed.length; k++) {
    const countAt = pointsAnnounced(analysed[k]!.tokens);
    if (countAt < 0) continue;
    const holder = pointsHolder(analysed, k, countAt);
    if (holder.length === 0) continue;
    const voice: Speaker = { actors: holder, quoted: false, speculative: false, listed: true };
    const end = itemsEnd(analysed, k);
    for (let j = k + 1; j < end; j++) voices[j] = voice;
    k = end - 1;
  }
}
