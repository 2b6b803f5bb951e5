// Attribution: who holds a stance. The speaker of reported speech ("X said",
// "according to X", a quotation), the subject of a stance verb, the owner of a
// demand ("the Kremlin's conditions"), the agent of a judgement ("deemed
// unacceptable by the US", "concerns in Kyiv"), the perspective ("for Ukraine, ...").
import { attributionLists, grammar, prepositions, reporting, wordLists } from './lexicon/index.js';
import { coordinatedLeft, coordinatedRight, type Mention } from './mentions.js';
import { PhraseIndex, stemSet } from './phrases.js';
import { attributiveParticiple, leftLimit, type Trigger } from './polarity.js';
import type { TriggerClass } from './lexicon/index.js';
import type { Token } from './text.js';

export interface Speaker {
  /** "Britain and France said": every side named as speaking. */
  readonly actors: string[];
  /** The words are a quotation (where "they" means others, not the speaker). */
  readonly quoted: boolean;
  /** "suggested", "claimed", "accused": what follows is a guess or charge. */
  readonly speculative: boolean;
  /** The voice of a list of points a side announced ("The leaders reiterated four key points."): its items, quoted or not, are that side's. */
  readonly listed?: boolean;
}

export type HolderSource = 'subject' | 'agent' | 'possessor' | 'perspective' | 'characteriser' | 'speaker' | 'demander';

export interface Holders {
  readonly actors: string[];
  readonly source: HolderSource;
}

const reportingVerbs = new PhraseIndex<boolean>({ by: 'stem' });
{
  const speculative = stemSet(reporting.speculative);
  for (const verb of reporting.verbs) reportingVerbs.add(verb, speculative.has(verb.split(' ')[0]!.toLowerCase()) || speculative.has(verb));
}
const according = new PhraseIndex<true>({ by: 'stem' });
for (const phrase of reporting.according) according.add(phrase, true);
const characterise = stemSet(grammar.characteriseVerbs);
/** What may follow the speaker of "said X": the end, a comma, "on Monday", "after the talks", "who...". */
const INVERTED_FOLLOWERS = new Set(wordLists.invertedFollowers);
const TITLE_WORDS = new Set(wordLists.invertedSpeakerTitles);
const INVERTED_SPEAKER_FILLERS = new Set(attributionLists.invertedSpeakerFillers);
const DASH_OR_COMMA = new Set(['-', '\u2014', ',']);

/** "Ukraine's allies, including Britain and France, have pledged...": the examples are the subject. */
const SUBJECT_OBLIQUES = new Set(wordLists.subjectObliques);
const GERUND_PREPOSITIONS = new Set(grammar.gerundSubjectPrepositions);
const SUBORDINATORS = new Set(wordLists.objectEndingSubordinators);
const SUBORDINATOR_AUXILIARIES = new Set(wordLists.subordinatorAuxiliaries);
const demandVerbs = stemSet(grammar.demandVerbs);

function usable(m: Mention): boolean {
  return m.actor !== undefined && (m.oblique === undefined || SUBJECT_OBLIQUES.has(m.oblique)) && !m.possessive && !m.modifier;
}

/** The sides a list of mentions names ("both sides" names two). */
export function actorsOf(ms: readonly Mention[]): string[] {
  const out = new Set<string>();
  for (const m of ms) {
    if (m.actor !== undefined) out.add(m.actor);
    for (const other of m.others ?? []) out.add(other);
  }
  return [...out];
}

/**
 * The nearest mention on the left of `pos` that can be a subject, with those
 * coordinated with it. First-person mentions come back as 'first-person'.
 */
const ASIDE_OPENERS = attributionLists.asideOpeners.map((phrase) => phrase.split(' '));

/**
 * ", not Russia,", ", like Macron,", ", rather than Kyiv," ending right before `pos` (adverbs between at most): the index of
 * the comma that opens the aside, or -1. Only a single side between the opener and the closing comma.
 */
function asideBefore(tokens: readonly Token[], mentions: readonly Mention[], pos: number): number {
  let close = pos - 1;
  while (close > 0 && tokens[close]!.isWord && (tokens[close]!.lower.endsWith('ly') || AUX_OR_ADVERB.test(tokens[close]!.lower))) close--;
  if (tokens[close]?.text !== ',') return -1;
  const side = mentions.find((m) => m.end === close);
  if (side === undefined || side.actor === undefined) return -1;
  let at = side.start;
  if (tokens[at - 1]?.lower === 'the') at--;
  for (const words of ASIDE_OPENERS) {
    const open = at - words.length - 1;
    if (open > 0 && tokens[open]!.text === ',' && words.every((w, j) => tokens[open + 1 + j]!.lower === w)) return open;
  }
  return -1;
}

export function subjectLeft(tokens: readonly Token[], mentions: readonly Mention[], pos: number, limit: number): Mention[] | 'first-person' | 'plural-pronoun' | 'unknown' | undefined {
  // "Ukraine, not Russia, backed the truce", "Trump, like Macron, rejected": a side set against (or beside) the subject in
  // commas right before the verb is not its subject; the subject is before the aside.
  const aside = asideBefore(tokens, mentions, pos);
  if (aside > 0) {
    let start = aside - 1;
    while (start >= 0 && tokens[start]!.text !== ';' && tokens[start]!.text !== ':' && !CLAUSE_STARTERS.has(tokens[start]!.lower)) start--;
    return nearestSubject(tokens, mentions, aside, start + 1);
  }
  // "Zelensky, whom Trump met on Friday, rejected the plan": a relative clause set off by commas holds no subject of the verb after it.
  const relative = closedRelativeBefore(tokens, pos, limit);
  const found = nearestSubject(tokens, mentions, relative >= 0 ? relative : pos, limit);
  // "Putin agreed to a pause but refused a full ceasefire": a clause after "but" without a subject of its own shares the one before.
  if (found === undefined && tokens[limit - 1]?.lower === 'but' && limit <= pos && tokens[limit]!.isWord && !tokens[limit]!.capitalised
    && !mentions.some((m) => m.start >= limit && m.start < pos)) {
    let start = limit - 2;
    while (start >= 0 && tokens[start]!.text !== ';' && tokens[start]!.text !== ':' && !CLAUSE_STARTERS.has(tokens[start]!.lower)) start--;
    return nearestSubject(tokens, mentions, limit - 1, start + 1);
  }
  // "Moscow, however, rejected the truce": a parenthetical adverb set off by commas breaks no clause; the subject is before it.
  if (found === undefined && limit >= 3 && PARENTHETICAL_BREAKS.has(tokens[limit - 1]?.lower ?? '') && tokens[limit - 2]?.text === ',' && tokens[limit]?.text === ','
    && !mentions.some((m) => m.start >= limit && m.start < pos)) {
    let start = limit - 3;
    while (start >= 0 && tokens[start]!.text !== ';' && tokens[start]!.text !== ':' && !CLAUSE_STARTERS.has(tokens[start]!.lower)) start--;
    return nearestSubject(tokens, mentions, limit - 2, start + 1);
  }
  // "Western nations, including France, raised pressure on Moscow, demanding a truce": a participle clause after a comma
  // has the subject of the clause it hangs on.
  if (found === undefined && tokens[pos - 1]?.text === ',' && /ing$/.test(tokens[pos]?.lower ?? '') && !tokens[pos]!.capitalised
    && !PARTICIPLE_NOT_CLAUSE.has(tokens[pos]!.lower)) {
    let start = pos - 2;
    while (start >= 0 && tokens[start]!.text !== ';' && tokens[start]!.text !== ':' && tokens[start]!.text !== '"' && !CLAUSE_STARTERS.has(tokens[start]!.lower)) start--;
    return nearestSubject(tokens, mentions, pos - 1, start + 1);
  }
  return found;
}
const CLOSED_RELATIVE_OPENERS = new Set(attributionLists.closedRelativeOpeners);
/** How far back from its closing comma a relative clause may open. */
const CLOSED_RELATIVE_REACH = 14;

/**
 * The comma that opens a relative clause (", whom Trump met on Friday,") closed by the comma right before `pos` (adverbs and
 * auxiliaries between), or -1. Such a clause is about the noun before it; the verb at `pos` has that noun's subject.
 */
function closedRelativeBefore(tokens: readonly Token[], pos: number, limit: number): number {
  let c = pos - 1;
  while (c > limit && AUX_OR_ADVERB.test(tokens[c]!.lower)) c--;
  if (tokens[c]?.text !== ',' || c <= limit) return -1;
  for (let r = c - 1; r > limit && c - r <= CLOSED_RELATIVE_REACH; r--) {
    const t = tokens[r]!;
    if (t.text === ',') return CLOSED_RELATIVE_OPENERS.has(tokens[r + 1]?.lower ?? '') ? r : -1;
    if (!t.isWord && t.text !== '-' && t.text !== "'s") return -1;
  }
  return -1;
}
const PARTICIPLE_NOT_CLAUSE = new Set(wordLists.exampleMarkers);
const PARENTHETICAL_BREAKS = new Set(attributionLists.parentheticalBreaks);
const OWNED_DOCUMENT_NOUNS = new Set([...grammar.documentNouns, ...attributionLists.ownedDocumentNouns]);
const OWNED_DOCUMENT_REACH = 3;

/**
 * "Ukraine's leaked memorandum calls for a ceasefire", "Russia's memorandum demands": a side's own document as the
 * subject speaks for the side. The possessive, at most two lower-case modifiers, the document noun, then the verb at
 * `pos` (adverbs such as "also" between).
 */
function ownedDocumentSubject(tokens: readonly Token[], m: Mention, pos: number): boolean {
  if (!m.possessive || tokens[m.end]?.text !== "'s") return false;
  let j = m.end + 1;
  while (j < pos && j - m.end <= OWNED_DOCUMENT_REACH && !OWNED_DOCUMENT_NOUNS.has(tokens[j]!.lower)) {
    if (!tokens[j]!.isWord || tokens[j]!.capitalised) return false;
    j++;
  }
  if (j >= pos || !OWNED_DOCUMENT_NOUNS.has(tokens[j]!.lower)) return false;
  for (let i = j + 1; i < pos; i++) if (!participleAdverbsOfSubject.has(tokens[i]!.lower)) return false;
  return true;
}
const participleAdverbsOfSubject = new Set(grammar.participleAdverbs);
const CLAUSE_STARTERS = new Set(wordLists.clauseStarters);

function nearestSubject(tokens: readonly Token[], mentions: readonly Mention[], pos: number, limit: number): Mention[] | 'first-person' | 'plural-pronoun' | 'unknown' | undefined {
  // "overtures by Trump, who is expected to meet Putin": the name before ", who" is the relative clause's subject.
  const who = relativeWhoBefore(tokens, mentions, pos);
  if (who >= 0) {
    const named = mentions.find((m) => (m.end === who - 1 || m.end === who) && m.actor !== undefined);
    return named ? [named] : 'unknown';
  }
  // "the efforts of Trump in facilitating these talks", "Erdogan's role in brokering": the noun's owner does the gerund.
  const owner = gerundOwner(tokens, mentions, pos);
  if (owner) return [owner];
  // "Hungary, which opposes any ceasefire": a state before ", which" is the subject of the relative clause.
  const which = relativeWhichAfterSide(tokens, mentions, pos);
  if (which) return [which];
  if (unknownSubjectBefore(tokens, mentions, pos)) return 'unknown';
  // "accused Russia of effectively rejecting the truce": a charge, neither side's stated stance.
  if (accusedOf(tokens, pos)) return 'unknown';
  for (let k = mentions.length - 1; k >= 0; k--) {
    const m = mentions[k]!;
    if (m.end > pos) continue;
    if (m.start < limit) break;
    if (m.kind === 'first-person' && !m.possessive && m.oblique === undefined) return 'first-person';
    // "Several European capitals backed ...": a part of a side the tracker cannot name is the subject; look no further.
    if ((m.kind === 'name' || m.kind === 'group') && m.actor === undefined && m.oblique === undefined && !m.possessive) return 'unknown';
    if (m.kind === 'plural-pronoun' && m.oblique === undefined && tokens[m.start]!.lower === 'they') return m.actor !== undefined ? [m] : 'plural-pronoun';
    // "the talks ended with Russia rejecting the proposal": the object of "with" is the subject of the gerund after it.
    if (m.actor !== undefined && m.oblique !== undefined && GERUND_PREPOSITIONS.has(m.oblique) && m.end === pos && /ing$/.test(tokens[pos]?.lower ?? '')) return [m];
    // "Paris praised the army after Russia rejected the truce": a side after a subordinating "after", "since" starts its own clause.
    if (m.actor !== undefined && m.oblique !== undefined && SUBORDINATORS.has(m.oblique) && m.end < pos + 1
      && tokens.slice(m.end, pos).every((t) => SUBORDINATOR_AUXILIARIES.has(t.lower) || /ly$/.test(t.lower) || t.lower.endsWith("n't"))) return [m];
    const companions = m.actor !== undefined ? companionsOfSubject(tokens, mentions, k) : undefined;
    if (companions) return companions;
    if (m.actor !== undefined && m.oblique === undefined && ownedDocumentSubject(tokens, m, pos)) return [m];
    if (!usable(m)) continue;
    // "Western nations, including France and Britain, demanded": the sides named in the subject's apposition hold its stance.
    const listed = coordinatedLeft(tokens, mentions, k);
    // coordinatedLeft lists from the mention leftwards: the first side named is the last.
    const head = listed[listed.length - 1]!;
    if (tokens[head.start - 1]?.lower === 'including' && tokens[head.start - 2]?.text === ',' && tokens[m.end]?.text === ',') return listed.filter((c) => c.actor !== undefined);
    if (objectPosition(tokens, m, pos, mentions)) continue;
    return coordinatedLeft(tokens, mentions, k).filter((c) => c.actor !== undefined && (c.oblique === undefined || SUBJECT_OBLIQUES.has(c.oblique)));
  }
  return undefined;
}

const COMPANION_PHRASES = attributionLists.companionPhrases.map((p) => p.split(' '));

/** Where a companion phrase ("together with", "alongside") ends right before token `at`: the index of its first word, or -1. */
function companionPhraseBefore(tokens: readonly Token[], at: number): number {
  for (const words of COMPANION_PHRASES) {
    const from = at - words.length;
    if (from >= 0 && words.every((w, j) => tokens[from + j]!.lower === w)) return from;
  }
  return -1;
}

/**
 * "The French president, together with Starmer and Zelensky, signed ...", "France, alongside Britain, pledged ...":
 * the sides set off between commas by a companion phrase act with the subject before them, and all of them hold
 * what the verb after the closing comma says. `k` is the apposition's last mention. Undefined when the sentence has
 * no such apposition there.
 */
function companionsOfSubject(tokens: readonly Token[], mentions: readonly Mention[], k: number): Mention[] | undefined {
  const m = mentions[k]!;
  if (tokens[m.end]?.text !== ',') return undefined;
  const listed = coordinatedLeft(tokens, mentions, k);
  const first = listed[listed.length - 1]!.start;
  const phrase = companionPhraseBefore(tokens, tokens[first - 1]?.lower === 'the' ? first - 1 : first);
  if (phrase < 1 || tokens[phrase - 1]!.text !== ',') return undefined;
  const sides = listed.filter((c) => c.actor !== undefined && !c.possessive);
  if (sides.length === 0) return undefined;
  const lead = mentions.findIndex((x) => x.end === phrase - 1);
  if (lead < 0) return sides;
  const leads = coordinatedLeft(tokens, mentions, lead).filter((c) => usable(c));
  return [...leads, ...sides];
}

/**
 * Index of a "who" whose clause `pos` is in (a few words between, no comma or name), -1 otherwise. Its subject is what
 * stands right before it, with or without a comma ("American senators who criticised the plan"; "envoys who ..." name nobody).
 */
function relativeWhoBefore(tokens: readonly Token[], mentions: readonly Mention[], pos: number): number {
  for (let i = pos - 1; i >= Math.max(1, pos - 6); i--) {
    const t = tokens[i]!;
    if (t.lower === 'who') {
      if (mentions.some((m) => m.start > i && m.start < pos)) return -1;
      return i;
    }
    if (!t.isWord || t.capitalised) return -1;
  }
  return -1;
}

const GERUND_OWNER_PREPOSITIONS = new Set(attributionLists.gerundOwnerPrepositions);

/**
 * "commended the efforts of US President Trump in facilitating these talks", "Erdogan's role in brokering the deal": a
 * gerund after "in" or "at" that follows a noun and its owner (its "of" object or its possessor) is done by that owner.
 */
function gerundOwner(tokens: readonly Token[], mentions: readonly Mention[], pos: number): Mention | undefined {
  if (!/ing$/.test(tokens[pos]?.lower ?? '') || !GERUND_OWNER_PREPOSITIONS.has(tokens[pos - 1]?.lower ?? '')) return undefined;
  return mentions.find((m) => m.actor !== undefined && ((m.end === pos - 1 && m.oblique === 'of')
    || (m.possessive && tokens[m.end]?.text === "'s" && m.end + 2 === pos - 1 && tokens[m.end + 1]!.isWord && !tokens[m.end + 1]!.capitalised)));
}

const RELATIVE_WHICH = new Set(attributionLists.relativeWhich);
const copulas = new Set([...grammar.copulas, 'be', 'been', 'being']);

/**
 * The side named right before a ", which" whose clause `pos` is in, with no other name between ("rejected by Ukraine,
 * which hopes to join NATO"); undefined otherwise ("the plan, which calls for ...", whose antecedent is no side, keeps
 * the reading it had).
 */
function relativeWhichAfterSide(tokens: readonly Token[], mentions: readonly Mention[], pos: number): Mention | undefined {
  for (let i = pos - 1; i >= Math.max(1, pos - 6); i--) {
    const t = tokens[i]!;
    if (RELATIVE_WHICH.has(t.lower)) {
      if (tokens[i - 1]!.text !== ',' || mentions.some((m) => m.start > i && m.start < pos)) return undefined;
      // "a draft, sent via Dmitriev, which had been agreed with Kyiv": a passive clause's subject is what was acted on.
      if (tokens.slice(i + 1, pos).some((x) => copulas.has(x.lower)) && /ed$/.test(tokens[pos]?.lower ?? '')) return undefined;
      return mentions.find((m) => m.end === i - 1 && m.actor !== undefined && m.kind === 'name' && !m.possessive);
    }
    if (!t.isWord || t.capitalised) return undefined;
  }
  return undefined;
}

const objectTakingVerbs = stemSet(grammar.objectTakingVerbs);
const accusationVerbs = stemSet(grammar.accusationVerbs);

function accusedOf(tokens: readonly Token[], pos: number): boolean {
  let of = pos - 1;
  // "accused Moscow of \"effectively rejecting\"": adverbs and quotation marks between "of" and the gerund.
  while (of >= 0 && (/ly$/.test(tokens[of]!.lower) || tokens[of]!.text === '"')) of--;
  // "blamed Kyiv for rejecting the plan": the charge after "for", as "accused Kyiv of rejecting" after "of".
  if (tokens[of]?.lower !== 'of' && tokens[of]?.lower !== 'for') return false;
  for (let i = of - 1; i >= Math.max(0, of - 6); i--) if (accusationVerbs.has(tokens[i]!.stem)) return true;
  return false;
}

/**
 * "thanked European partners and said", "would allow Ukraine to keep ... and rejects":
 * a name right after a verb is its object, or the subject of an infinitive that ends
 * before `pos`; either way not the subject of what comes at `pos`.
 */
export function objectPosition(tokens: readonly Token[], m: Mention, pos: number, mentions?: readonly Mention[]): boolean {
  if (m.kind !== 'name' && m.kind !== 'group') return false;
  // "allow Ukraine to keep ...": an infinitive's subject; not "Moscow's envoy to the UN", where "to" takes a noun.
  const afterTo = tokens[m.end + 1];
  const nounAfterTo = afterTo !== undefined && (HEAD_DETERMINERS.has(afterTo.lower) || (mentions ?? []).some((x) => x.start === m.end + 1));
  if (tokens[m.end]?.lower === 'to' && pos > m.end + 2 && !nounAfterTo) return true;
  let p = m.start - 1;
  while (p >= 0 && (tokens[p]!.lower === 'the' || tokens[p]!.lower === 'a')) p--;
  const before = tokens[p];
  if (!before || !before.isWord || before.capitalised) return false;
  return objectTakingVerbs.has(before.stem) || (/ed$/.test(before.lower) && !reportingStems.has(before.stem));
}

const reportingStems = stemSet(reporting.verbs.filter((v) => !v.includes(' ')));

/** "Belgium has opposed", "Poland rejected": a name the tracker does not know is the subject; do not look past it. */
function unknownSubjectBefore(tokens: readonly Token[], mentions: readonly Mention[], pos: number): boolean {
  for (let i = pos - 1; i >= Math.max(0, pos - 5); i--) {
    const t = tokens[i]!;
    if (mentions.some((m) => m.start <= i && i < m.end)) return false;
    if (t.capitalised && t.isWord && i > 0 && t.text !== 'I' && !CALENDAR.has(t.lower) && !PREPOSITION_BEFORE(tokens, i)) return !joinedToKnownSide(tokens, mentions, i);
    if (CALENDAR.has(t.lower) || PREPOSITION_BEFORE(tokens, i)) continue;
    if (!t.isWord || !(AUX_OR_ADVERB.test(t.lower) || ['on', 'in', 'at', 'last', 'this', 'earlier', 'later'].includes(t.lower))) return false;
  }
  return false;
}
const CALENDAR = new Set(wordLists.calendar);
const UNLISTED_NAME_WORDS = 3;

/**
 * "Russia and Belarus rejected ...": a name the tracker does not list (up to three capitalised words ending at `i`),
 * joined by "and" (and an article) to a side it lists, is a conjunct of a coordinated subject, not the whole of it.
 */
function joinedToKnownSide(tokens: readonly Token[], mentions: readonly Mention[], i: number): boolean {
  let j = i;
  while (j > 0 && i - j < UNLISTED_NAME_WORDS - 1 && tokens[j - 1]!.isWord && tokens[j - 1]!.capitalised) j--;
  // "Russia and the Netherlands", "Kyiv and its Western partners": an article or a possessive pronoun before the name.
  if (tokens[j - 1]?.lower === 'the' || POSSESSIVE_DETERMINERS.has(tokens[j - 1]?.lower ?? '')) j--;
  if (tokens[j - 1]?.lower !== 'and') return false;
  const before = mentions.find((m) => m.end === j - 1);
  if (before === undefined || before.actor === undefined || before.oblique !== undefined || before.possessive) return false;
  // "Putin met Trump and Lukashenko rejected it": only a side that opens the sentence or a clause after punctuation.
  const opener = tokens[before.start - 1];
  return opener === undefined || !opener.isWord;
}
const NAME_PREPOSITIONS = new Set([...grammar.prepositions, ...attributionLists.namePrepositionExtras]);
/** "in Geneva", "since February", "the envoy to the UN": a capitalised word that a preposition (and an article) governs is no subject. */
const PREPOSITION_BEFORE = (tokens: readonly Token[], i: number): boolean => NAME_PREPOSITIONS.has(tokens[i - 1]?.lower ?? '')
  || (tokens[i - 1]?.lower === 'the' && NAME_PREPOSITIONS.has(tokens[i - 2]?.lower ?? ''));
const AUX_OR_ADVERB = /^(has|have|had|is|are|was|were|will|would|also|has|now|still|long|strongly|firmly|again|already|reportedly|repeatedly|previously|so|far|not|never|does|did|do)$|ly$/;

/** A reporting verb in tokens[from, to) with its speaker next to it: "Peskov said", "said the US official", "according to X". */
export function findReportedSpeaker(tokens: readonly Token[], mentions: readonly Mention[], clauses: readonly number[], from: number, to: number): (Speaker & { verbAt: number }) | undefined {
  // A headline "Peskov: ..." names its speaker before a colon.
  const lead = mentions[0];
  if (from === 0 && lead?.actor !== undefined && lead.start <= 1 && tokens[lead.end]?.text === ':') {
    return { actors: [lead.actor], quoted: false, speculative: false, verbAt: lead.end };
  }
  for (let i = from; i < to; i++) {
    const tok = tokens[i]!;
    if (!according.startsAt(tok) && !reportingVerbs.startsAt(tok)) continue;
    const acc = according.matchesAt(tokens, i)[0];
    if (acc) {
      const m = mentions.find((x) => x.start >= acc.end && x.start <= acc.end + 1 && x.actor !== undefined) ?? documentSourceAfter(tokens, mentions, acc.end);
      if (m?.actor) return { actors: [m.actor, ...(m.others ?? [])], quoted: false, speculative: false, verbAt: i };
      continue;
    }
    const verb = reportingVerbs.matchesAt(tokens, i)[0];
    if (!verb) continue;
    // "United States" does not state anything; "a commitment to respond", "declined to say" report no words.
    if ((i > 0 && tokens[i]!.capitalised) || mentions.some((m) => m.start <= i && i < m.end)) continue;
    if (tokens[i - 1]?.lower === 'to') continue;
    // "One diplomat, speaking on condition of anonymity, suggested ...": the finite verb later on reports.
    if (tokens[i - 1]?.text === ',' && tokens[i]!.lower.endsWith('ing')
      && tokens.slice(verb.end, to).some((t, k) => reportingVerbs.matchesAt(tokens, verb.end + k).length > 0 && !t.lower.endsWith('ing'))) continue;
    const limit = leftLimit(tokens, clauses, i);
    const subject = subjectLeft(tokens, mentions, i, Math.max(limit, from - 12));
    const named = Array.isArray(subject) ? subject.filter((m) => m.kind === 'name' || m.kind === 'group' || m.kind === 'pair' || m.kind === 'state-pronoun' || ((m.kind === 'plural-pronoun' || m.kind === 'collective') && m.actor !== undefined)) : [];
    if (named.length > 0) return { actors: actorsOf(named), quoted: false, speculative: verb.phrase.payload, verbAt: i };
    // Inverted order: "said the US official", "he said Erdogan" (a name after the verb beats a pronoun before it).
    // "said President Zelensky", "said Foreign Minister Lavrov": a title before the name.
    // "accused the UK of ...", "told the Kremlin": after a verb that takes an object the name is that object, not an inverted speaker.
    const after = objectTakingVerbs.has(tok.stem) ? undefined : mentions.find((x) => x.start >= verb.end && x.start <= verb.end + 3 && x.actor !== undefined
      && (x.kind === 'name' || x.kind === 'group') && !x.possessive && (x.oblique === undefined || x.oblique === 'by')
      // "This was announced by President Zelensky": a passive reporting verb's "by" names its speaker.
      // "said a Kremlin spokesman", "said a senior Ukrainian official": an indefinite article and a rank word may open the name.
      && tokens.slice(verb.end, x.start).every((t, k) => t.lower === 'the' || t.text === ',' || INVERTED_SPEAKER_FILLERS.has(t.lower) || (k === 0 && t.lower === 'by' && passiveReport(tokens, i))
        || (t.isWord && t.capitalised && k + verb.end >= x.start - 2 && TITLE_WORDS.has(t.lower)))
      && (x.end >= tokens.length || !tokens[x.end]!.isWord || INVERTED_FOLLOWERS.has(tokens[x.end]!.lower)));
    if (after?.actor) return { actors: [after.actor], quoted: false, speculative: verb.phrase.payload, verbAt: i };
    if (Array.isArray(subject) && subject.length > 0) return { actors: actorsOf(subject), quoted: false, speculative: verb.phrase.payload, verbAt: i };
    // "The text published by the White House states", "a statement from the Kremlin said": the document's source speaks.
    const source = mentions.find((x) => x.actor !== undefined && x.end <= i && i - x.end <= 2 && x.oblique !== undefined && DOCUMENT_SOURCES.has(x.oblique)
      && tokens.slice(Math.max(0, x.start - 4), x.start).some((t) => documentNouns.has(t.lower)));
    if (source?.actor) return { actors: [source.actor], quoted: false, speculative: verb.phrase.payload, verbAt: i };
  }
  return undefined;
}
/** "was announced", "has been stated": a reporting verb in the passive (a copula right before it). */
function passiveReport(tokens: readonly Token[], at: number): boolean {
  return /ed$/.test(tokens[at]!.lower) && PASSIVE_AUXILIARIES.has(tokens[at - 1]?.lower ?? '');
}
const PASSIVE_AUXILIARIES = new Set(attributionLists.passiveAuxiliaries);

const DOCUMENT_SOURCES = new Set(wordLists.documentSources);
const documentNouns = new Set(grammar.documentNouns);
const DOCUMENT_NOUN_MODIFIERS = new Set(attributionLists.documentNounModifiers);

/**
 * "according to a statement from the Kremlin", "according to a joint statement of the US and Ukraine": the side that
 * issued the document named right after `from` (an article, modifiers, the document noun, then "of", "from" or "by").
 */
function documentSourceAfter(tokens: readonly Token[], mentions: readonly Mention[], from: number): Mention | undefined {
  let i = from;
  while (i < from + 4 && i < tokens.length && (DOCUMENT_ARTICLES.has(tokens[i]!.lower) || DOCUMENT_NOUN_MODIFIERS.has(tokens[i]!.lower))) i++;
  if (!documentNouns.has(tokens[i]?.lower ?? '')) return undefined;
  if (!DOCUMENT_SOURCES.has(tokens[i + 1]?.lower ?? '')) return undefined;
  return mentions.find((x) => x.actor !== undefined && x.start >= i + 2 && x.start <= i + 3);
}
const DOCUMENT_ARTICLES = new Set(attributionLists.documentArticles);

/** A speaker named inside a quotation between dashes or commas: "... - added the Ukrainian president - ...". */
export function findInsetSpeaker(tokens: readonly Token[], mentions: readonly Mention[], clauses: readonly number[]): Speaker | undefined {
  for (let i = 1; i < tokens.length; i++) {
    if (!DASH_OR_COMMA.has(tokens[i - 1]!.text)) continue;
    const verb = reportingVerbs.matchesAt(tokens, i)[0];
    if (!verb) continue;
    const found = findReportedSpeaker(tokens, mentions, clauses, i, verb.end);
    if (found) return found;
  }
  return undefined;
}

export interface HolderContext {
  readonly tokens: readonly Token[];
  readonly mentions: readonly Mention[];
  readonly clauses: readonly number[];
  /** The speaker for a token, from quotations or reporting verbs, if any. */
  speakerAt(token: number): Speaker | undefined;
  /** Whether "X demanded that Y agree" credits X (the demand-clauses rule family). */
  readonly demandClauses: boolean;
  /** A demonym or possessive pronoun right before a token, resolved. */
  demonymActor(token: Token): string | undefined;
}

function agentAfter(ctx: HolderContext, trigger: Trigger, preps: readonly string[], reach = trigger.cls === 'verb' ? 2 : 4): string[] {
  if (preps.length === 0) return [];
  const { tokens, mentions } = ctx;
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    if (m.start < trigger.end) continue;
    // A verb's agent follows it ("rejected by Kyiv"); a noun's may follow a modifier ("criticism from across Europe").
    if (m.start > trigger.end + reach) break;
    if (m.actor === undefined || m.oblique === undefined || !preps.includes(m.oblique)) continue;
    // "critics of Zelensky", "opponents of the Kremlin": the side after a person's "of" is whom they oppose, not who opposes.
    if (m.oblique === 'of' && OPPONENT_PEOPLE.has(tokens[trigger.start]!.lower)) continue;
    // Nothing but the preposition, "the" and a few modifiers between trigger and agent.
    const between = tokens.slice(trigger.end, m.start);
    if (between.some((t) => !t.isWord && t.text !== '-' && t.text !== '\u2014')) continue;
    // "a demand firmly rejected by Ukraine": the "by" is the participle's agent, not the noun's.
    if (trigger.cls !== 'verb' && between.some((t) => /ed$/.test(t.lower) && !t.capitalised)) continue;
    return actorsOf(coordinatedRight(tokens, mentions, k).filter((x) => x.oblique !== undefined));
  }
  return [];
}

const OPPONENT_PEOPLE = new Set(attributionLists.opponentNouns);

/** The owner of a noun ("Moscow's demand", "our offer"); "#unknown" for an owner the tracker does not list ("Belgium's concerns"). */
function possessorBefore(ctx: HolderContext, trigger: Trigger): string[] {
  const { tokens, mentions } = ctx;
  for (let i = trigger.start - 1; i >= Math.max(0, trigger.start - 3); i--) {
    const t = tokens[i]!;
    if (t.text === "'s") {
      const m = mentions.find((x) => x.end === i && x.possessive);
      return m?.actor ? [m.actor] : ['#unknown'];
    }
    // "Brussels' latest package": a bare apostrophe after a name ending in "s" is its possessive.
    if (t.text === "'" && /s$/i.test(tokens[i - 1]?.text ?? '')) {
      const m = mentions.find((x) => x.end === i);
      if (m?.actor) return [m.actor];
    }
    const pronoun = mentions.find((x) => x.start === i && x.possessive && x.end === i + 1);
    if (pronoun) return pronoun.actor ? [pronoun.actor] : pronoun.kind === 'first-person' ? ['#speaker'] : [];
    const demonym = ctx.demonymActor(t);
    if (demonym) return [demonym];
    if (!t.isWord || t.capitalised) return [];
    // "coached Russian officials on how to present": a preposition ends the noun phrase; what is before it owns nothing here.
    if (prepositions.has(t.lower)) return [];
  }
  return [];
}
const WH_WORDS = new Set(attributionLists.whWords);

/**
 * "Trump's decision to suspend military aid", "Britain's move to send troops": a verb after a noun and "to"
 * is done by that noun's owner, not by the subject of the clause around it ("Starmer spoke to Zelensky
 * after Trump's decision to ..."). Nouns only: a word before "to" ending in -s or -ed may be a verb ("plans to").
 */
function ownerOfIntent(ctx: HolderContext, trigger: Trigger): string[] {
  const { tokens } = ctx;
  if (tokens[trigger.start - 1]?.lower !== 'to') return [];
  const noun = tokens[trigger.start - 2];
  if (noun === undefined || !noun.isWord || noun.capitalised || /(s|ed)$/.test(noun.lower) || WH_WORDS.has(noun.lower)) return [];
  return possessorBefore(ctx, { ...trigger, start: trigger.start - 2 });
}

function perspective(ctx: HolderContext, trigger: Trigger): string[] {
  // "For Ukraine, this is a trap." / "for most Ukrainians, talks are tantamount to surrender"
  const { tokens, mentions } = ctx;
  for (let i = 0; i < trigger.start; i++) {
    // "To Kyiv, ...", "In Peskov's view, ...", "in Moscow's words,": the phrase set off by its comma names whose view it is.
    const opener = tokens[i]!.lower;
    if (opener !== 'for' && !PERSPECTIVE_OPENERS.has(opener)) continue;
    // "According to the statement, ...", "Thanks to Turkey, ...": a source or a cause, not whose view it is.
    if (opener === 'to' && NOT_PERSPECTIVE_TO.has(tokens[i - 1]?.lower ?? '')) continue;
    if (i > 0 && !(tokens[i - 1]!.text === ',' || i <= 2)) continue;
    let comma = i + 1;
    while (comma < trigger.start && tokens[comma]!.text !== ',') comma++;
    if (comma >= trigger.start || comma - i > 8) continue;
    if (opener === 'in' && !VIEW_NOUNS.has(tokens[comma - 1]!.lower)) continue;
    const m = mentions.find((x) => x.start > i && x.end <= comma && x.actor !== undefined);
    if (m?.actor) return [m.actor];
  }
  return [];
}

const PERSPECTIVE_OPENERS = new Set(attributionLists.perspectiveOpeners);
const VIEW_NOUNS = new Set(attributionLists.viewNouns);
const NOT_PERSPECTIVE_TO = new Set(attributionLists.notPerspectiveBeforeTo);

function characteriser(ctx: HolderContext, trigger: Trigger, limit: number): { actors: string[]; verbAt: number } | undefined {
  const { tokens, mentions } = ctx;
  for (let i = trigger.start - 1; i >= limit; i--) {
    if (!characterise.has(tokens[i]!.stem)) continue;
    const byAgent = agentAfter(ctx, { ...trigger, start: i, end: i + 1 }, ['by']);
    if (byAgent.length > 0) return { actors: byAgent, verbAt: i };
    const subject = subjectLeft(tokens, mentions, i, leftLimit(tokens, ctx.clauses, i));
    if (subject === 'first-person') return { actors: ['#speaker'], verbAt: i };
    if (Array.isArray(subject) && subject.length > 0) return { actors: actorsOf(subject), verbAt: i };
    return { actors: [], verbAt: i };
  }
  return undefined;
}

/** Actors found for a holder slot, with "#speaker" (a "we" or "our") replaced by the speaker. */
function resolveHolders(actors: string[], source: HolderSource, speaker: Speaker | undefined): Holders | undefined {
  const out = actors.flatMap((a) => (a === '#speaker' ? (speaker ? speaker.actors : []) : [a]));
  return out.length > 0 ? { actors: [...new Set(out)], source } : undefined;
}

const participleAdverbs = new Set(grammar.participleAdverbs);
const NOT_NOUNS = new Set([...grammar.copulas, ...grammar.subjectPronouns, ...grammar.actionAuxiliaries, 'has', 'have', 'had', 'been', 'be', 'and', 'or', 'but', 'who', 'which', 'that', 'to']);
function reducedRelative(tokens: readonly Token[], mentions: readonly Mention[], at: number): boolean {
  const word = tokens[at]!.lower;
  if (!/ed$/.test(word)) return false;
  const prev = tokens[at - 1];
  if (!prev || !prev.isWord || prev.capitalised || NOT_NOUNS.has(prev.lower) || participleAdverbs.has(prev.lower) || /ly$/.test(prev.lower)) return false;
  if (timeAdverbialEnd(tokens, at - 1)) return false;
  // "Ukraine and its allies backed", "Kyiv and its Western partners rejected": people a possessive pronoun owns act; they
  // are no noun the participle qualifies.
  if (OWNED_PEOPLE_NOUNS.has(prev.lower)) {
    const owner = POSSESSIVE_DETERMINERS.has(tokens[at - 2]?.lower ?? '') ? at - 2
      : tokens[at - 2]?.capitalised === true && POSSESSIVE_DETERMINERS.has(tokens[at - 3]?.lower ?? '') ? at - 3 : -1;
    if (owner >= 0 && ownedBySubject(tokens, mentions, owner)) return false;
  }
  return !mentions.some((m) => m.start <= at - 1 && at - 1 < m.end);
}

/**
 * "Ukraine and its allies": the possessive pronoun at `at` follows "and" and a side that opens the sentence or a clause
 * after punctuation (not "Russia attacked Ukraine and its allies backed", an object's).
 */
function ownedBySubject(tokens: readonly Token[], mentions: readonly Mention[], at: number): boolean {
  if (tokens[at - 1]?.lower !== 'and') return false;
  const side = mentions.find((m) => m.end === at - 1);
  if (side === undefined || side.actor === undefined || side.oblique !== undefined || side.possessive) return false;
  const opener = tokens[side.start - 1];
  return opener === undefined || !opener.isWord;
}
const OWNED_PEOPLE_NOUNS = new Set([...grammar.peopleGroupNouns, ...attributionLists.ownedPeopleNouns]);
const POSSESSIVE_DETERMINERS = new Set(wordLists.possessivePronouns);
const TIME_ADVERBS = new Set(attributionLists.timeAdverbs);
const TIME_NOUNS = new Set(attributionLists.timeAdverbialNouns);
const TIME_DETERMINERS = new Set(attributionLists.timeAdverbialDeterminers);

/**
 * "The Kremlin last week rejected", "Moscow has so far rejected", "Kyiv earlier backed": a time adverbial ending at `at`
 * inside the verb group, not a noun the participle after it qualifies.
 */
function timeAdverbialEnd(tokens: readonly Token[], at: number): boolean {
  const word = tokens[at]!.lower;
  if (TIME_ADVERBS.has(word)) return true;
  return TIME_NOUNS.has(word) && TIME_DETERMINERS.has(tokens[at - 1]?.lower ?? '');
}

const DOCUMENT_PARTS = new Set(attributionLists.documentPartNouns);

/** "clauses calling for", "provisions requiring": a present participle right after a part of a document describes that part. */
function describesDocumentPart(tokens: readonly Token[], at: number): boolean {
  return /ing$/.test(tokens[at]!.lower) && DOCUMENT_PARTS.has(tokens[at - 1]?.lower ?? '');
}

const wantingVerbs = new PhraseIndex<true>({ by: 'stem' });
for (const verb of wordLists.wantingVerbs!) wantingVerbs.add(verb, true);

/**
 * "European officials requested security guarantees, provided by the United States": a participle
 * (no auxiliary before it) inside what a demand asks for describes the thing wanted; its "by" agent
 * is asked to act, and holds no stance. A full passive ("was rejected by Kyiv") is not one.
 */
function wantedThing(tokens: readonly Token[], trigger: Trigger, limit: number): boolean {
  if (trigger.cls !== 'verb' || !/ed$/.test(tokens[trigger.end - 1]!.lower)) return false;
  const prev = tokens[trigger.start - 1];
  if (prev === undefined || NOT_NOUNS.has(prev.lower) || participleAdverbs.has(prev.lower) || /ly$/.test(prev.lower)) return false;
  return wantingVerbs.findAll(tokens.slice(limit, trigger.start)).some((m) => !tokens[limit + m.start]!.capitalised);
}

/** The demand verb that a "that" clause starting at `limit` completes ("insisted on Monday that"), or -1. */
export function demandVerbBefore(tokens: readonly Token[], limit: number): number {
  if (tokens[limit - 1]?.lower !== 'that') return -1;
  for (let i = limit - 2; i >= Math.max(0, limit - 5); i--) {
    const t = tokens[i]!;
    if (!t.isWord) return -1;
    if (demandVerbs.has(t.stem) && !t.capitalised) return i;
  }
  return -1;
}

const motiveVerbs = stemSet(grammar.motiveVerbs);
const predictionModals = new Set(grammar.predictionModals);

/**
 * Inside someone's words, whether `actor` holds what is said of it. The speaker's own
 * stance always counts; another side's reported act or position counts for that side
 * too ("Kyiv says Russia turned the truce down"), but not a guess ("suggested"), nor a
 * motive read into it ("Zelensky said Russia wanted a truce only to rearm"), nor what
 * only the speaker's own slot ("we", the speaker of a judgement) would give it.
 */
export function holdsInSpeech(speaker: Speaker | undefined, actor: string, source: HolderSource, tokens: readonly Token[], at: number, cls: TriggerClass = 'verb'): boolean {
  if (!speaker) return true;
  if (speaker.actors.includes(actor)) return !(speaker.speculative && source !== 'subject');
  if (speaker.speculative) return false;
  if (source !== 'subject' && source !== 'agent' && source !== 'possessor' && source !== 'demander') return false;
  // "Russia does not get a veto": a noun said of another side is the speaker's claim unless it is that side's own ("Moscow's demand").
  if (cls === 'noun' && source === 'subject') return false;
  if (cls === 'evaluative' || cls === 'modal') return false;
  // "which Russia would never accept, US officials said": a prediction about another side.
  for (let i = at - 1; i >= Math.max(0, at - 3); i--) if (predictionModals.has(tokens[i]!.lower)) return false;
  // "were trying to derail the talks by insisting on ...": a motive read into the other side.
  for (let i = at; i >= Math.max(0, at - 8); i--) if (motiveVerbs.has(tokens[i]!.stem)) return false;
  return true;
}

const OBLIGATION_HEADS = new Set(attributionLists.obligationHeads);

/** "will have to accept", "has to give up": an obligation right before the verb at `at` ("to" and its head; not "had to", what was done). */
function obligedBefore(tokens: readonly Token[], at: number): boolean {
  return tokens[at - 1]?.lower === 'to' && OBLIGATION_HEADS.has(tokens[at - 2]?.lower ?? '');
}

const EXPECTATION_VERBS = stemSet(attributionLists.expectationVerbs);

/**
 * "Zelensky hopes Trump will back security guarantees", "Trump is betting that Putin will accept a ceasefire": the subject
 * of a clause another side hopes, expects or fears is that side's expectation, not the subject's stance. The verb stands
 * right before the clause's subject ("that" between at most), and its own subject is another side or none the tracker
 * knows ("Zelensky believes Ukraine must ..." keeps Ukraine's).
 */
function expectedOfAnother(tokens: readonly Token[], mentions: readonly Mention[], clauses: readonly number[], subject: readonly Mention[]): boolean {
  let j = Math.min(...subject.map((m) => m.start)) - 1;
  if (tokens[j]?.lower === 'the') j--;
  if (tokens[j]?.lower === 'that') j--;
  const verb = tokens[j];
  if (verb === undefined || verb.capitalised || !EXPECTATION_VERBS.has(verb.stem)) return false;
  const expecting = subjectLeft(tokens, mentions, j, leftLimit(tokens, clauses, j));
  if (!Array.isArray(expecting) || expecting.length === 0) return true;
  const holders = new Set(actorsOf(expecting));
  return actorsOf(subject).some((actor) => !holders.has(actor));
}

const SIGNING_NOUNS = new Set(wordLists.signingNouns);
const PARTY_PREPOSITIONS = wordLists.partyPrepositions!;

/** Who holds the stance a trigger expresses; undefined when nobody the tracker knows does. */
export function findHolders(ctx: HolderContext, trigger: Trigger, agentPreps: readonly string[]): Holders | undefined {
  const { tokens, mentions, clauses } = ctx;
  // "coached officials on how to present a ceasefire plan", "weighing whether to accept": an open question is nobody's stance.
  if (tokens[trigger.start - 1]?.lower === 'to' && WH_WORDS.has(tokens[trigger.start - 2]?.lower ?? '')) return undefined;
  const limit = leftLimit(tokens, clauses, trigger.start);
  const speaker = ctx.speakerAt(trigger.start);
  // "Hungary's veto of Ukraine's accession": a noun's owner before it holds it; a side after it is what it is about.
  const owner = trigger.cls === 'noun' ? possessorBefore(ctx, trigger) : ownerOfIntent(ctx, trigger);
  if (owner[0] === '#unknown') return undefined;
  if (owner.length > 0 && owner[0] !== '#speaker') return resolveHolders(owner, 'possessor', speaker);
  const agents = agentAfter(ctx, trigger, agentPreps);
  if (agents.length > 0) return wantedThing(tokens, trigger, limit) ? undefined : resolveHolders(agents, 'agent', speaker);
  // "the signing of a declaration of intent between France, Britain and Ukraine": the parties to what is signed sign it.
  const parties = SIGNING_NOUNS.has(trigger.text.toLowerCase()) ? agentAfter(ctx, trigger, PARTY_PREPOSITIONS, 8) : [];
  if (parties.length > 0) return resolveHolders(parties, 'agent', speaker);
  if (owner.length > 0) return resolveHolders(owner, 'possessor', speaker);
  if (trigger.cls === 'evaluative') {
    const judge = characteriser(ctx, trigger, limit);
    if (judge && judge.actors.length > 0) return resolveHolders(judge.actors, 'characteriser', speaker);
    const view = perspective(ctx, trigger);
    if (view.length > 0) return resolveHolders(view, 'perspective', speaker);
    return speaker ? { actors: speaker.actors, source: 'speaker' } : undefined;
  }
  // "Kyiv must cede land" is the speaker's demand of Kyiv, not Kyiv's stance; so is "Kyiv will have to accept" (an obligation).
  if (trigger.cls === 'modal' || obligedBefore(tokens, trigger.start)) return speaker ? { actors: speaker.actors, source: 'speaker' } : undefined;
  // "Washington demanded that Putin agree to a truce": the demander wants it; Putin has not agreed.
  const demandAt = ctx.demandClauses ? demandVerbBefore(tokens, limit) : -1;
  if (demandAt >= 0) {
    const demander = subjectLeft(tokens, mentions, demandAt, leftLimit(tokens, clauses, demandAt));
    const demandSpeaker = ctx.speakerAt(demandAt);
    if (Array.isArray(demander) && demander.length > 0) return resolveHolders(actorsOf(demander), 'demander', demandSpeaker);
    if (demander === 'first-person' || demander === undefined) return demandSpeaker ? { actors: demandSpeaker.actors, source: 'demander' } : undefined;
    return undefined;
  }
  // "ongoing discussions aimed at advancing the peace process": a participle after a common noun describes that noun.
  if (trigger.cls === 'verb' && reducedRelative(tokens, mentions, trigger.start)) return undefined;
  // "a recently signed declaration", "the agreed framework": a participle before its noun names nobody who acted.
  if ((trigger.cls === 'verb' || trigger.cls === 'noun') && attributiveParticiple(tokens, trigger.start)) return undefined;
  // "opposed clauses calling for a multinational force": what a document's clauses call for is their content.
  if (trigger.cls === 'verb' && describesDocumentPart(tokens, trigger.start)) return undefined;
  const subject = subjectLeft(tokens, mentions, trigger.start, limit);
  if (subject === 'unknown') return undefined; // a side the tracker does not list
  if (Array.isArray(subject) && subject.length > 0 && expectedOfAnother(tokens, mentions, clauses, subject)) return undefined;
  if (subject === 'first-person') return speaker ? { actors: speaker.actors, source: 'speaker' } : undefined;
  // "Britain and France said they are prepared to...": outside a quotation, "they" are the speakers.
  if (subject === 'plural-pronoun') return speaker && !speaker.quoted ? { actors: speaker.actors, source: 'speaker' } : undefined;
  if (subject && subject.length > 0) {
    if (!speaker && itemUndertaking(tokens, trigger.start) && planFramedBefore(tokens, Math.min(...subject.map((m) => m.start)))) return undefined;
    return resolveHolders(actorsOf(subject), 'subject', speaker);
  }
  return speaker ? { actors: speaker.actors, source: 'speaker' } : undefined;
}

const ITEM_MODALS = new Set(attributionLists.itemModals);
const ITEM_ADVERBS = new Set(attributionLists.itemAdverbs);

/**
 * "Under the plan, Russia would accept ...": inside a proposal's contents (planFramedBefore), what a side "will" or
 * "would" do is the proposal's, not that side's stance. The modal stands right before the verb (an adverb between at
 * most). A numbered point of a plan is the plan rules' (rules.ts numberedPlanPoint).
 */
function itemUndertaking(tokens: readonly Token[], at: number): boolean {
  for (let i = at - 1; i >= Math.max(0, at - 3); i--) {
    const t = tokens[i]!;
    if (ITEM_MODALS.has(t.lower)) return true;
    if (!t.isWord || !(t.lower.endsWith('ly') || ITEM_ADVERBS.has(t.lower))) return false;
  }
  return false;
}

const PLAN_FRAME_NOUNS = new Set(attributionLists.planFrameNouns);
const PLAN_FRAME_VERBS = stemSet(attributionLists.planFrameVerbs);
/** How far before the side's name the frame may begin: "Under the revised US plan, ...". */
const PLAN_FRAME_REACH = 12;

/**
 * "Under the plan, Russia would ...", "According to the draft, Europe would ...", "The plan says Russia will ...", "The
 * proposal envisages that NATO will ...": the clause that names the side at `at` sets out a proposal's contents, not that
 * side's stance (a proposal, not an agreed deal: "Under the agreement, Russia will halt strikes" is Russia's undertaking).
 */
function planFramedBefore(tokens: readonly Token[], at: number): boolean {
  const from = Math.max(0, at - PLAN_FRAME_REACH);
  for (let i = at - 1; i >= from; i--) {
    if (!PLAN_FRAME_NOUNS.has(tokens[i]!.lower)) continue;
    // "The plan says (that)", "the draft also envisages that": the noun is the subject of a content verb right before the side.
    let v = i + 1;
    if (tokens[v]?.lower === 'also') v++;
    if (PLAN_FRAME_VERBS.has(tokens[v]?.stem ?? '') && !tokens[v]!.capitalised && (at === v + 1 || (at === v + 2 && tokens[v + 1]!.lower === 'that'))) return true;
    // "Under the plan,", "According to the draft,": an opener of the sentence, a comma right after its phrase.
    const head = tokens[0]?.lower === 'under' ? 1 : tokens[0]?.lower === 'according' && tokens[1]?.lower === 'to' ? 2 : -1;
    // Only modifiers between ("Under the revised US plan,"; not "Under pressure from the plan,").
    if (head > 0 && tokens[i + 1]?.text === ',' && tokens.slice(head, i).every((t) => (t.isWord || t.text === "'s") && !prepositions.has(t.lower))) return true;
  }
  return false;
}

const CO_AUTHORING = new Set(attributionLists.coAuthoringParticiples);
const CO_AUTHORING_VENUES = new Set(attributionLists.coAuthoringVenues);
const CO_AUTHORING_VENUE_LINKS = new Set(attributionLists.coAuthoringVenueLinks);
const REVISION_NOUNS = new Set(attributionLists.revisionNouns);
const REVISION_PARTICIPLES = new Set(attributionLists.revisionParticiples);
/** How many modifiers may stand between "to" and the plan's name ("to the initial US 28-point peace plan"). */
const REVISED_PLAN_MODIFIERS = 6;

/**
 * "changes proposed by Kyiv and Europe to the initial US plan", "amendments made by European countries and Ukraine to a
 * U.S.-backed peace proposal": the sides that revise the plan shape it (annotation rule 3, as its co-authors), whoever
 * rejects the revisions. The sides, or none. Read back from the plan's name: "to", then the sides after "by", then an
 * optional participle and a revision noun.
 */
function revisersBefore(tokens: readonly Token[], mentions: readonly Mention[], planStart: number): string[] {
  let to = planStart - 1;
  while (to >= 0 && planStart - to <= REVISED_PLAN_MODIFIERS && tokens[to]!.lower !== 'to') {
    const t = tokens[to]!;
    if (t.isWord && !t.capitalised && (REVISION_NOUNS.has(t.lower) || t.lower === 'by')) return [];
    to--;
  }
  if (tokens[to]?.lower !== 'to') return [];
  const k = mentions.findIndex((m) => m.end === to);
  if (k < 0) return [];
  const sides = coordinatedLeft(tokens, mentions, k);
  let by = sides[sides.length - 1]!.start - 1;
  if (tokens[by]?.lower === 'the') by--;
  if (tokens[by]?.lower !== 'by') return [];
  let noun = by - 1;
  while (noun >= 0 && by - noun <= 2 && REVISION_PARTICIPLES.has(tokens[noun]!.lower)) noun--;
  if (!REVISION_NOUNS.has(tokens[noun]?.lower ?? '')) return [];
  return actorsOf(sides.filter((m) => m.actor !== undefined && !m.possessive));
}
const CO_AUTHORING_FILLERS = new Set(attributionLists.coAuthoringFillers);
const INPUT_NOUNS = new Set(attributionLists.inputNouns);
const CO_AUTHORING_NEGATORS = new Set(attributionLists.coAuthoringNegators);
const OTHER_PLAN_MODIFIERS = new Set(attributionLists.otherPlanModifiers);
/** How far after the plan's name its co-authors may be named ("a draft ..., which had been agreed upon with Kyiv"). */
const CO_AUTHOR_REACH = 28;

/**
 * "the Witkoff-Dmitriev plan", "the Kremlin-Witkoff-Kushner proposal": the sides the plan's name lists after the first
 * (mentions' namedPlanAuthors keeps them as the name's `others`), or none.
 */
export function namedCoAuthors(mentions: readonly Mention[], plan: { start: number }): string[] {
  return mentions.find((m) => m.kind === 'compound' && m.others !== undefined && m.end <= plan.start && plan.start - m.end <= 1)?.others ?? [];
}

/**
 * The sides a sentence names as having shaped the plan it names with its authors (annotation rules 1 and 3):
 * "a draft of the peace plan that had been coordinated with Ukraine and European counterparts", "which had been agreed
 * upon with Ukrainian and European counterparts", "the plan, which was modified with input from Ukrainian and European
 * officials", "along with input from both Ukrainians and Russians". Not when negated ("was not coordinated with Kyiv",
 * "without input from Ukraine"), nor for another plan ("another plan he had worked out with European partners"). Each
 * co-author with the plan's phrase it shaped.
 */
export function planCoAuthors(tokens: readonly Token[], mentions: readonly Mention[], planCues: readonly { start: number; end: number }[]): Array<{ actors: string[]; plan: number }> {
  const out: Array<{ actors: string[]; plan: number }> = [];
  planCues.forEach((plan, p) => {
    // "another plan he had worked out with European partners": a different plan from the one on the table.
    if (tokens.slice(Math.max(0, plan.start - 3), plan.start).some((x) => OTHER_PLAN_MODIFIERS.has(x.lower))) return;
    const revisers = revisersBefore(tokens, mentions, plan.start);
    if (revisers.length > 0) out.push({ actors: revisers, plan: p });
    const named = namedCoAuthors(mentions, plan);
    if (named.length > 0) out.push({ actors: named, plan: p });
    for (let i = plan.end; i < Math.min(tokens.length, plan.end + CO_AUTHOR_REACH); i++) {
      const t = tokens[i]!;
      let from = -1;
      if (CO_AUTHORING.has(t.lower)) {
        let j = i + 1;
        while (j < tokens.length && j <= i + 2 && CO_AUTHORING_FILLERS.has(tokens[j]!.lower)) j++;
        if (tokens[j]?.lower === 'with') from = tokens[j + 1] && INPUT_NOUNS.has(tokens[j + 1]!.lower) && tokens[j + 2]?.lower === 'from' ? j + 3 : j + 1;
        // "a plan developed in negotiations between Washington and Moscow": the parties to the talks that shaped it.
        else if (tokens[j]?.lower === 'in' && CO_AUTHORING_VENUES.has(tokens[j + 1]?.lower ?? '') && CO_AUTHORING_VENUE_LINKS.has(tokens[j + 2]?.lower ?? '')) from = j + 3;
      } else if (INPUT_NOUNS.has(t.lower) && tokens[i + 1]?.lower === 'from') {
        from = i + 2;
      }
      if (from < 0) continue;
      if (tokens.slice(Math.max(plan.end, i - 2), i).some((x) => CO_AUTHORING_NEGATORS.has(x.lower))) return;
      const k = mentions.findIndex((m) => m.start >= from && m.start <= from + 1 && m.actor !== undefined);
      if (k < 0) return;
      const actors = actorsOf(coordinatedRight(tokens, mentions, k));
      if (actors.length > 0) out.push({ actors, plan: p });
      return;
    }
  });
  return out;
}

const RELATIVE_OBJECT_WORDS = new Set(attributionLists.relativeObjectWords);
/** "that Ukraine has already accepted", "a demand Kyiv cannot accept": what may stand between a relative clause's subject and its verb. */
const RELATIVE_AUXILIARIES = new Set([...grammar.actionAuxiliaries, ...grammar.predictionModals, ...attributionLists.relativeAuxiliaryExtras]);
const RELATIVE_VERB_FOLLOWERS = new Set(attributionLists.relativeVerbFollowers);
const HEAD_DETERMINERS = new Set(attributionLists.attributiveDeterminers);

const REACTION_VERBS = new Set(attributionLists.reactionVerbs);
const REACTION_FILLERS = new Set(attributionLists.reactionVerbFillers);
const REACTION_AGENT_PREPOSITIONS = new Set(attributionLists.agentPrepositionsAfterReaction);

/**
 * "a leaked draft plan, which drew criticism from Ukrainian and European officials", "the proposal, which has met with
 * resistance in Kyiv": a stance noun with its agent, the object of a reaction verb whose subject is ", which" or ", that",
 * is about the term that heads the relative clause. Its cue, or undefined.
 */
function reactionHead<C extends { start: number; end: number }>(tokens: readonly Token[], cues: readonly C[], noun: { start: number; end: number }): C | undefined {
  if (!REACTION_AGENT_PREPOSITIONS.has(tokens[noun.end]?.lower ?? '')) return undefined;
  let i = noun.start - 1;
  while (i >= 0 && noun.start - i <= 4 && REACTION_FILLERS.has(tokens[i]!.lower)) i--;
  if (i < 2 || !REACTION_VERBS.has(tokens[i]!.lower)) return undefined;
  let r = i - 1;
  while (r >= 0 && i - r <= 2 && (RELATIVE_AUXILIARIES.has(tokens[r]!.lower) || /ly$/.test(tokens[r]!.lower))) r--;
  if (!RELATIVE_OBJECT_WORDS.has(tokens[r]?.lower ?? '') || tokens[r - 1]?.text !== ',') return undefined;
  return cues.find((c) => c.end === r - 1);
}

/** Whether the verb phrase ending at `end` has no object of its own: the sentence's end, punctuation, a time or a new clause ("accepted last week, but"). */
function objectGapAfter(tokens: readonly Token[], end: number): boolean {
  let next = tokens[end];
  // "a plan Russia has agreed to.": a preposition left at the end of the clause.
  if (next !== undefined && prepositions.has(next.lower) && (tokens[end + 1] === undefined || !tokens[end + 1]!.isWord)) next = tokens[end + 1];
  return next === undefined || !next.isWord || RELATIVE_VERB_FOLLOWERS.has(next.lower);
}

/**
 * "a four-day ceasefire that Ukraine accepted last week", "the plan which Moscow has rejected", "a truce Kyiv backed": a
 * stance verb whose subject is a side and whose object is missing (`objectGapAfter`) completes a relative clause on the term
 * right before it ("that"/"which", or no relative word when that term follows an article and no preposition). The term's cue,
 * or undefined. The side is the holder as it is of any verb (`findHolders`); this decides only what the clause is about.
 */
export function relativeClauseHead<C extends { start: number; end: number }>(tokens: readonly Token[], mentions: readonly Mention[], cues: readonly C[], trigger: { start: number; end: number; cls: TriggerClass }): C | undefined {
  if (trigger.cls === 'noun') return reactionHead(tokens, cues, trigger);
  if (!objectGapAfter(tokens, trigger.end)) return undefined;
  let i = trigger.start - 1;
  while (i >= 0 && (RELATIVE_AUXILIARIES.has(tokens[i]!.lower) || tokens[i]!.lower.endsWith("n't") || (/ly$/.test(tokens[i]!.lower) && !tokens[i]!.capitalised))) i--;
  const k = mentions.findIndex((m) => m.end === i + 1);
  const subject = mentions[k];
  if (subject === undefined || subject.actor === undefined || subject.possessive || subject.oblique !== undefined || subject.kind !== 'name') return undefined;
  const conjuncts = coordinatedLeft(tokens, mentions, k);
  let from = conjuncts[conjuncts.length - 1]!.start;
  if (tokens[from - 1]?.lower === 'the') from--;
  const relative = RELATIVE_OBJECT_WORDS.has(tokens[from - 1]?.lower ?? '');
  let headEnd = relative ? from - 1 : from;
  if (relative && tokens[headEnd - 1]?.text === ',') headEnd--;
  const head = cues.find((c) => c.end === headEnd);
  if (head === undefined) return undefined;
  if (!relative) {
    // "a truce Kyiv backed", not "After the talks Russia rejected ...": with no relative word, an article and no preposition before the term.
    let d = head.start - 1;
    while (d >= 0 && tokens[d]!.isWord && !tokens[d]!.capitalised && !HEAD_DETERMINERS.has(tokens[d]!.lower) && !prepositions.has(tokens[d]!.lower) && head.start - d <= 3) d--;
    if (d < 0 || !HEAD_DETERMINERS.has(tokens[d]!.lower) || prepositions.has(tokens[d - 1]?.lower ?? '')) return undefined;
  }
  return head;
}
