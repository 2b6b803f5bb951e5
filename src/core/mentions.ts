// Mentions: where a sentence names an actor (aliases, "Russian officials",
// "the president of Turkey", "Kremlin's"), where it points back to one ("he",
// "the spokesman", "we"), and the grammatical role that decides whether the
// mention can hold a stance (a venue in "talks in Geneva" cannot).
import { attributionLists, grammar, prepositions, wordLists } from './lexicon/index.js';
import { PhraseIndex } from './phrases.js';
import { tokenize, tokenText, type Token } from './text.js';
import type { Tracker } from './tracker.js';

/**
 * compound: "Washington-backed", "US-brokered": the side behind something, never a subject.
 * collective: "the leaders", "the signatories", "the statement" where a statement's signatories are known (discourse).
 */
export type MentionKind = 'name' | 'group' | 'person-pronoun' | 'title' | 'first-person' | 'plural-pronoun' | 'compound' | 'pair' | 'state-pronoun' | 'collective';

export interface Mention {
  /** Undefined until a pronoun or title is resolved, or when it cannot be. */
  actor: string | undefined;
  readonly kind: MentionKind;
  /** Token indexes, end exclusive. */
  start: number;
  end: number;
  /** The preposition it is the object of ("in" for "talks in Geneva"), if any. */
  oblique: string | undefined;
  /** Followed by "'s" (or a possessive pronoun) and not by a group noun. */
  possessive: boolean;
  /** Directly modifies a term ("the US plan"): not a subject. */
  modifier: boolean;
  /** "both sides", "the two countries": the second side of a pair (the first is `actor`). */
  others?: string[];
}

export interface CompiledActors {
  readonly aliases: PhraseIndex<string>;
  readonly demonyms: ReadonlyMap<string, string>;
  /** Lower-case names that denote a state or bloc itself (the actor's name and first two aliases): "it" may point to them. */
  readonly stateNames: ReadonlySet<string>;
}

export const groupNouns = new PhraseIndex<true>({ by: 'stem' });
for (const noun of grammar.groupNouns) groupNouns.add(noun, true);
const groupFillers = new Set(grammar.groupNounFillers);
const peopleGroups = new Set(grammar.peopleGroupNouns);
const pairNouns = new Set(grammar.pairNouns);
const personPronouns = new Set(grammar.personPronouns);
const firstPerson = new Set(grammar.firstPerson);
const pluralPronouns = new Set(grammar.pluralPronouns);
const titles = new PhraseIndex<true>({ by: 'stem' });
for (const title of grammar.bareTitles) titles.add(title, true);
const COORDINATORS = new Set(wordLists.coordinators);
const POSSESSIVE_PRONOUNS = new Set(wordLists.possessivePronouns);

const STATE_PRONOUN_BEFORE = new Set(wordLists.statePronounBefore);
const STATE_VERBS = new Set(wordLists.stateVerbs);
export function stateVerbAfter(next: Token | undefined): boolean {
  return next !== undefined && (STATE_VERBS.has(next.lower) || (/ed$/.test(next.lower) && next.lower.length > 4));
}

const APPOSITION_OPENERS = new Set(attributionLists.stateAppositionOpeners);
/** How many tokens a state's apposition may run before its closing comma ("Turkey, a NATO member with ties to both sides, has"). */
const STATE_APPOSITION_REACH = 16;

/**
 * "Turkey, a NATO member with strategic ties to both Moscow and Kyiv, has played ...": the state's verb after an apposition
 * set off by commas (it opens with "a", "an", "the", "one"). `end` is the token after the state's name. The apposition
 * may not hold a clause break of its own (";", a quotation mark, "and" after a comma).
 */
export function stateVerbAfterApposition(tokens: readonly Token[], end: number): boolean {
  if (tokens[end]?.text !== ',' || !APPOSITION_OPENERS.has(tokens[end + 1]?.lower ?? '')) return false;
  for (let j = end + 2; j < tokens.length && j <= end + STATE_APPOSITION_REACH; j++) {
    const t = tokens[j]!;
    if (t.text === ',') return stateVerbAfter(tokens[j + 1]);
    if (t.text === ';' || t.text === '"' || t.text === ':' || t.text === '(') return false;
  }
  return false;
}

const GROUP_JOIN = '+';
const UNJOINED_PRONOUNS: ReadonlySet<MentionKind> = new Set<MentionKind>(['state-pronoun', 'person-pronoun', 'first-person', 'plural-pronoun']);

export function compileActors(tracker: Tracker): CompiledActors {
  const aliases = new PhraseIndex<string>({ by: 'lower', nameCase: true });
  const demonyms = new Map<string, string>();
  const stateNames = new Set<string>();
  for (const actor of tracker.actors) {
    for (const name of [actor.name, ...actor.aliases.slice(0, 2)]) stateNames.add(name.toLowerCase());
    aliases.add(actor.name, actor.id);
    for (const alias of actor.aliases) aliases.add(alias, actor.id);
    for (const demonym of actor.demonyms) demonyms.set(demonym.toLowerCase(), actor.id);
  }
  // "the E3": one mention of several sides, its payload their ids joined by GROUP_JOIN.
  for (const group of tracker.groups ?? []) for (const alias of group.aliases) aliases.add(alias, group.actors.join(GROUP_JOIN));
  return { aliases, demonyms, stateNames };
}

const authorSuffixes = new Set(grammar.authorSuffixes);

function partOfLongerName(tokens: readonly Token[], end: number, actors: CompiledActors): boolean {
  const next = tokens[end];
  if (!next || !next.isWord || !next.capitalised) return false;
  if (actors.aliases.matchesAt(tokens, end).length > 0 || groupNounAt(tokens, end) > 0) return false;
  return !actors.demonyms.has(next.lower);
}

/** "US-brokered" -> US: a name joined to a participle of authorship. */
function compoundAuthor(token: Token, actors: CompiledActors): string | undefined {
  const dash = token.text.lastIndexOf('-');
  if (dash <= 0 || !authorSuffixes.has(token.lower.slice(dash + 1))) return undefined;
  const name = token.text.slice(0, dash);
  const match = actors.aliases.matchesAt(tokenize(name), 0)[0];
  return match && match.end === tokenize(name).length ? match.phrase.payload : undefined;
}

const NAMED_PLAN_NOUNS = new Set(attributionLists.namedPlanNouns);
const NAMED_PLAN_FILLERS = new Set(attributionLists.namedPlanFillers);

/**
 * "the Witkoff-Dmitriev plan", "the Kremlin-Witkoff-Kushner proposal": a plan named after its authors. Every part of the
 * hyphenated name is a side's alias and at least one names a person or an institution, not a state ("a Ukraine-Russia
 * peace plan" is a plan between them, no authorship; nor is an acronym, "US-EU"); the plan noun follows, "peace" at most
 * between. The sides, each once, or undefined.
 */
function namedPlanAuthors(tokens: readonly Token[], i: number, actors: CompiledActors): string[] | undefined {
  let next = i + 1;
  if (NAMED_PLAN_FILLERS.has(tokens[next]?.lower ?? '')) next++;
  if (!NAMED_PLAN_NOUNS.has(tokens[next]?.lower ?? '')) return undefined;
  const parts = tokens[i]!.text.split('-');
  if (parts.length < 2) return undefined;
  const sides: string[] = [];
  let person = false;
  for (const part of parts) {
    const words = tokenize(part);
    const match = actors.aliases.matchesAt(words, 0)[0];
    if (!match || match.end !== words.length) return undefined;
    // "US", "EU": an acronym names a state or bloc, as "Russia" does.
    if (!actors.stateNames.has(part.toLowerCase()) && part !== part.toUpperCase()) person = true;
    if (!sides.includes(match.phrase.payload)) sides.push(match.phrase.payload);
  }
  return person ? sides : undefined;
}

function make(actor: string | undefined, kind: MentionKind, start: number, end: number): Mention {
  // Every field from the start (others too): one object shape for V8, however the mention is resolved later.
  return { actor, kind, start, end, oblique: undefined, possessive: false, modifier: false, others: undefined };
}

function groupNounAt(tokens: readonly Token[], i: number): number {
  const match = groupNouns.matchesAt(tokens, i)[0];
  return match ? match.end : -1;
}

/**
 * The end of a role right after a name ("Kremlin spokesman"), up to two modifiers between ("the US defence secretary",
 * "the UK foreign secretary"), or -1.
 */
function roleAfterName(tokens: readonly Token[], at: number): number {
  for (let j = at; j <= at + 2 && j < tokens.length; j++) {
    const end = groupNounAt(tokens, j);
    if (end > 0) return end;
    const t = tokens[j]!;
    if (!t.isWord || t.capitalised || !groupFillers.has(t.lower) || t.lower === 'the') return -1;
  }
  return -1;
}

const OFFICE_NOUNS = new Set(attributionLists.officeNouns);
const ROLE_OF_PREPOSITIONS = new Set(attributionLists.roleOfPrepositions);
const ROLE_OF_HEADS = new Set(attributionLists.roleOfHeads);
const ROLE_TO_HEADS = new Set(attributionLists.roleToHeads);

/** "Russian officials", "Top Russian presidential aide", "the Russian Liberal Democratic Party", "Turkish diplomacy". */
function demonymGroupAt(tokens: readonly Token[], i: number, actors: CompiledActors): { actor: string; end: number } | undefined {
  const token = tokens[i]!;
  if (!token.capitalised) return undefined;
  const actor = actors.demonyms.get(token.lower);
  if (!actor) return undefined;
  const document = demonymDocumentEnd(tokens, i + 1);
  if (document > 0) return { actor, end: document };
  for (let j = i + 1; j <= i + 4 && j < tokens.length; j++) {
    const end = groupNounAt(tokens, j);
    if (end > 0) return { actor, end };
    const t = tokens[j]!;
    // "the head of Turkish diplomacy": a side's office for the people who hold it.
    if (j === i + 1 && OFFICE_NOUNS.has(t.lower)) return { actor, end: j + 1 };
    if (!t.isWord || !(t.capitalised || groupFillers.has(t.lower))) return undefined;
    if (actors.aliases.matchesAt(tokens, j).length > 0) return undefined;
  }
  return undefined;
}

const DEMONYM_DOCUMENT_NOUNS = new Set(attributionLists.demonymDocumentNouns);
const DEMONYM_DOCUMENT_MODIFIERS = new Set(attributionLists.demonymDocumentModifiers);
/** How many modifiers may stand between the demonym and its document noun ("the Russian draft peace memorandum"). */
const DEMONYM_DOCUMENT_REACH = 2;

/**
 * "The Russian memorandum said ...", "Ukrainian memorandum calls for a ceasefire": a side's document named by its demonym
 * speaks for the side, as "Russia's memorandum" does (attribution's ownedDocumentSubject). The end of the document noun
 * after the demonym (`from` is the word after it), with at most two modifiers between, or -1.
 */
const VENUE_NAMES = new Set(attributionLists.documentVenueNames);

function demonymDocumentEnd(tokens: readonly Token[], from: number): number {
  for (let j = from; j <= from + DEMONYM_DOCUMENT_REACH && j < tokens.length; j++) {
    const t = tokens[j]!;
    if (DEMONYM_DOCUMENT_NOUNS.has(t.lower)) return tokens[j + 1]?.text === "'s" ? -1 : j + 1;
    if (!DEMONYM_DOCUMENT_MODIFIERS.has(t.lower)) return -1;
  }
  return -1;
}

const BARE_BOTH = new Set(attributionLists.bareBoth);
const determinerWords = new Set(grammar.determiners);

/**
 * "Both call for an immediate ceasefire": "both" opening a sentence (after a quotation mark at most) with a verb after it,
 * not "both sides", "both of them" or "both the US and Ukraine".
 */
function bareBothSubject(tokens: readonly Token[], i: number): boolean {
  if (!BARE_BOTH.has(tokens[i]!.lower)) return false;
  if (i > 1 || (i === 1 && tokens[0]!.text !== '"')) return false;
  const next = tokens[i + 1];
  if (next === undefined || !next.isWord || next.capitalised || next.lower === 'of' || determinerWords.has(next.lower) || pairNouns.has(next.lower)) return false;
  return !groupNouns.startsAt(next);
}

const ALL_PARTIES_QUANTIFIERS = new Set(attributionLists.allPartiesQuantifiers);
const ALL_PARTIES_COUNTS = new Set(attributionLists.allPartiesCounts);

/**
 * Where "all parties", "all three sides" or "the three countries" ends (0 if none starts at `i`): a quantifier ("all") or
 * "the" and a count above two, then a pair noun. Such a mention is every side of the last list of parties (discourse).
 */
export function allPartiesEnd(tokens: readonly Token[], i: number): number {
  const first = tokens[i]!.lower;
  let j = i + 1;
  if (ALL_PARTIES_QUANTIFIERS.has(first)) {
    if (ALL_PARTIES_COUNTS.has(tokens[j]?.lower ?? '')) j++;
  } else if (first === 'the' && ALL_PARTIES_COUNTS.has(tokens[j]?.lower ?? '')) {
    j++;
  } else {
    return 0;
  }
  const noun = tokens[j]?.lower ?? '';
  if (!pairNouns.has(noun) || tokens[j + 1]?.lower === 'of' || tokens[j + 1]?.text === "'s") return 0;
  return j + 1;
}

const SUBSET_QUANTIFIERS = new Set(attributionLists.subsetQuantifiers);
const LOOSE_PAIR_NOUNS = new Set(attributionLists.loosePairNouns);

/**
 * "several European capitals", "some EU leaders": an unspecified part of a side's people is neither the side nor any
 * side the tracker knows (annotation rule 2). A quantifier right before a name or group whose head is a plural noun.
 */
function subsetOfSide(tokens: readonly Token[], m: Mention): boolean {
  if ((m.kind !== 'name' && m.kind !== 'group') || m.actor === undefined) return false;
  if (!SUBSET_QUANTIFIERS.has(tokens[m.start - 1]?.lower ?? '')) return false;
  const head = tokens[m.end - 1]!;
  return head.isWord && !head.capitalised && head.lower.endsWith('s');
}

const DIGIT_FIRST = /^\d/;

/** A mention that names nobody the tracker knows: it still stops a search for a subject (attribution reads it as unknown). */
function dropSide(m: Mention): void {
  m.actor = undefined;
  m.others = undefined;
}

/** Actor mentions and pronoun-like mentions of one sentence, in order, with their roles. */
export function findMentions(tokens: readonly Token[], actors: CompiledActors): Mention[] {
  const mentions: Mention[] = [];
  // A headline in title case ("Moscow Rejects Revised Plan") capitalises its verbs too; a word that opens with a digit
  // ("28-Point") has no capital to show.
  const titleCase = !tokens.some((t) => t.isWord && !t.capitalised && t.text.length >= 5 && !DIGIT_FIRST.test(t.text));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const alias = actors.aliases.matchesAt(tokens, i)[0];
    // "the Washington Post", "the Kyiv Independent", "the Budapest Memorandum": a longer name, not the actor.
    if (alias && !titleCase && partOfLongerName(tokens, alias.end, actors)) {
      i = alias.end - 1;
      continue;
    }
    if (alias) {
      const [actor, ...others] = alias.phrase.payload.split(GROUP_JOIN);
      const m = make(actor, 'name', i, alias.end);
      if (others.length > 0) m.others = others;
      // "US official", "Kremlin spokesman", "the US defence secretary": the group noun belongs to the mention.
      const groupEnd = roleAfterName(tokens, m.end);
      if (groupEnd > 0) m.end = groupEnd;
      // "A Kremlin statement rejected ...", "the White House readout said": a side's document named by the side speaks for it.
      // Not a document named after its venue ("the Paris declaration", "the Budapest memorandum").
      else if (tokens[m.end]?.isWord && !tokens[m.end]!.capitalised && !VENUE_NAMES.has(tokenText(tokens, i, alias.end).toLowerCase())) {
        const documentEnd = demonymDocumentEnd(tokens, m.end);
        if (documentEnd > 0) m.end = documentEnd;
      }
      mentions.push(m);
      i = m.end - 1;
      continue;
    }
    const compound = token.isWord && token.text.includes('-') ? compoundAuthor(token, actors) : undefined;
    if (compound) {
      const m = make(compound, 'compound', i, i + 1);
      m.modifier = true;
      mentions.push(m);
      continue;
    }
    const named = token.capitalised && token.text.includes('-') ? namedPlanAuthors(tokens, i, actors) : undefined;
    if (named) {
      // One mention for the name, its other authors as `others` (attribution's planCoAuthors credits them).
      const m = make(named[0], 'compound', i, i + 1);
      m.modifier = true;
      if (named.length > 1) m.others = named.slice(1);
      mentions.push(m);
      continue;
    }
    const group = demonymGroupAt(tokens, i, actors);
    if (!group && token.capitalised && actors.demonyms.has(token.lower) && COORDINATORS.has(tokens[i + 1]?.lower ?? '')) {
      // "Russian and Ukrainian delegations", "US, Ukrainian and European officials": each demonym heads the group noun.
      let j = i + 2;
      while (j < tokens.length && j <= i + 6 && tokens[j]!.capitalised && actors.demonyms.has(tokens[j]!.lower) && COORDINATORS.has(tokens[j + 1]?.lower ?? '')) j += 2;
      if (j < tokens.length && demonymGroupAt(tokens, j, actors)) {
        mentions.push(make(actors.demonyms.get(token.lower), 'group', i, i + 1));
        continue;
      }
    }
    if (group) {
      mentions.push(make(group.actor, 'group', i, group.end));
      i = group.end - 1;
      continue;
    }
    // "both countries", "the two sides": the last pair of sides named together (resolved in discourse).
    if ((token.lower === 'both' || (token.lower === 'two' && tokens[i - 1]?.lower === 'the')) && pairNouns.has(tokens[i + 1]?.lower ?? '')) {
      mentions.push(make(undefined, 'pair', token.lower === 'two' ? i - 1 : i, i + 2));
      i++;
      continue;
    }
    // "Thirdly, the parties agreed to ...": "the parties", "the sides" are the last pair named together too.
    if (token.lower === 'the' && LOOSE_PAIR_NOUNS.has(tokens[i + 1]?.lower ?? '') && tokens[i + 2]?.lower !== 'of') {
      mentions.push(make(undefined, 'pair', i, i + 2));
      i++;
      continue;
    }
    // "all parties", "all three sides", "the three countries": every side last listed as the parties to talks (discourse).
    const partiesEnd = allPartiesEnd(tokens, i);
    if (partiesEnd > 0) {
      mentions.push(make(undefined, 'pair', i, partiesEnd));
      i = partiesEnd - 1;
      continue;
    }
    // "Both called for a ceasefire": "both" as the sentence's subject is the last pair named together.
    if (i <= 1 && bareBothSubject(tokens, i)) {
      mentions.push(make(undefined, 'pair', i, i + 1));
      continue;
    }
    // "It has voiced support", "the country will": a state named just before (resolved in discourse).
    if (token.lower === 'it' && (i === 0 || STATE_PRONOUN_BEFORE.has(tokens[i - 1]!.lower)) && stateVerbAfter(tokens[i + 1])) {
      mentions.push(make(undefined, 'state-pronoun', i, i + 1));
      continue;
    }
    if (token.lower === 'country' && tokens[i - 1]?.lower === 'the' && tokens[i + 1]?.text !== "'s") {
      mentions.push(make(undefined, 'state-pronoun', i - 1, i + 1));
      continue;
    }
    if (personPronouns.has(token.lower)) {
      mentions.push(make(undefined, 'person-pronoun', i, i + 1));
      continue;
    }
    if (pluralPronouns.has(token.lower)) {
      mentions.push(make(undefined, 'plural-pronoun', i, i + 1));
      continue;
    }
    if (firstPerson.has(token.lower)) {
      mentions.push(make(undefined, 'first-person', i, i + 1));
      continue;
    }
    // "the spokesman", "the president" (not "the president of Turkey": that names Turkey).
    if (i > 0 && tokens[i - 1]!.lower === 'the') {
      const title = titles.matchesAt(tokens, i)[0];
      if (title && tokens[title.end]?.lower !== 'of' && !(tokens[title.end]?.capitalised ?? false)) {
        mentions.push(make(undefined, 'title', i - 1, title.end));
        i = title.end - 1;
      }
    }
  }
  const merged = mergeAppositions(tokens, mentions);
  assignRoles(tokens, merged);
  for (const m of merged) if (subsetOfSide(tokens, m)) dropSide(m);
  return merged;
}

/** "US Secretary of State Marco Rubio", "Ukrainian negotiator Andriy Yermak": one mention, not two. */
function mergeAppositions(tokens: readonly Token[], mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const prev = out[out.length - 1];
    // "Britain's Starmer", "Ukraine's top negotiator Umerov": a possessive that names the person's side.
    const between = prev ? tokens.slice(prev.end, m.start) : [];
    if (prev && prev.actor !== undefined && prev.actor === m.actor && m.start - prev.end <= 4
      && between.every((t, k) => t.capitalised || t.lower === 'of' || (t.text === "'s" && k === 0) || (k > 0 && groupFillers.has(t.lower)))) {
      prev.end = m.end;
      continue;
    }
    out.push(m);
  }
  return out;
}

/**
 * "The United States' push", "Brussels' latest package": a bare apostrophe after a name ending in "s", then a lower-case
 * word, makes the name a possessive, as "'s" does (not a closing quotation mark: "'the Europeans' plan" opened one before it).
 */
function bareApostrophePossessive(tokens: readonly Token[], m: Mention): boolean {
  const next = tokens[m.end];
  if (next?.text !== "'" || !/s$/i.test(tokens[m.end - 1]!.text) || tokens[m.start - 1]?.text === "'") return false;
  const after = tokens[m.end + 1];
  return after !== undefined && after.isWord && !after.capitalised;
}

/** "according to (the) X": the mention is the source an opener names. */
function afterAccordingTo(tokens: readonly Token[], m: Mention): boolean {
  let i = m.start - 1;
  if (tokens[i]?.lower === 'the') i--;
  return tokens[i]?.lower === 'to' && tokens[i - 1]?.lower === 'according';
}

function assignRoles(tokens: readonly Token[], mentions: Mention[]): void {
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    const next = tokens[m.end];
    if (next?.text === "'s") {
      let head = m.end + 1;
      while (head < m.end + 3 && groupFillers.has(tokens[head]?.lower ?? '') && tokens[head]!.lower !== 'the') head++;
      const groupEnd = groupNounAt(tokens, head);
      if (groupEnd > 0) m.end = groupEnd; // "Zelensky's advisers" are Zelensky's side
      else m.possessive = true;
    } else if (POSSESSIVE_PRONOUNS.has(tokens[m.start]!.lower) || bareApostrophePossessive(tokens, m)) {
      m.possessive = true;
    }
    // The object of a preposition: "talks in Geneva", "between Trump and Putin".
    let p = titlesBefore(tokens, m.start) - 1;
    // "in eastern Ukraine", "across western Europe": a region's adjective sits between the preposition and the name.
    if (p >= 0 && REGION_MODIFIERS.has(tokens[p]!.lower)) p--;
    if (p >= 0 && (tokens[p]!.lower === 'the' || tokens[p]!.lower === 'both' || tokens[p]!.lower === 'either')) p--;
    // "talks with his British and Ukrainian counterparts": a possessive pronoun is the object's determiner.
    else if (p > 0 && POSSESSIVE_PRONOUNS.has(tokens[p]!.lower) && m.kind === 'group' && prepositions.has(tokens[p - 1]!.lower)) p--;
    const before = tokens[p];
    if (before && prepositions.has(before.lower)) {
      // "the president of Turkey", "head of the State Duma", "leaders in Kyiv": the head noun is a person of that side.
      // "a spokesperson for the Turkish foreign ministry": the spokesperson speaks for that side.
      const headStart = before.lower === 'of' ? findGroupHeadBefore(tokens, p)
        // "officials from Ukraine", "representatives from all three countries": people from a side are of it.
        : PEOPLE_GROUP_PREPOSITIONS.has(before.lower) && peopleGroups.has(tokens[p - 1]?.lower ?? '') ? p - 1
        : ROLE_OF_PREPOSITIONS.has(before.lower) && ROLE_OF_HEADS.has(tokens[p - 1]?.lower ?? '') ? p - 1
        // "an adviser to Zelensky", "an aide to Putin": who serves a side is of it (not "the envoy to Ukraine", sent to it).
        : before.lower === 'to' && ROLE_TO_HEADS.has(tokens[p - 1]?.lower ?? '') ? p - 1
        // "a delegation led by Medinsky", "the team headed by Umerov": the group its leader heads is of the leader's side.
        : before.lower === 'by' && LEADING_PARTICIPLES.has(tokens[p - 1]?.lower ?? '') ? findGroupHeadBefore(tokens, p - 1) : -1;
      if (headStart >= 0) {
        m.start = headStart;
        // "drafted by representatives of Ukraine", "after talks with officials from Ukraine": the people of a side after a
        // preposition are its object, as the side is ("by" its agent).
        let q = headStart - 1;
        if (tokens[q]?.lower === 'the' || tokens[q]?.lower === 'a') q--;
        if (prepositions.has(tokens[q]?.lower ?? '')) m.oblique = tokens[q]!.lower;
      } else m.oblique = before.lower;
    } else if (before && COORDINATORS.has(before.lower) && k > 0) {
      const prev = mentions[k - 1]!;
      // "in Kyiv and Paris", "in Kyiv, Paris and Berlin"; not "In Washington, White House officials said".
      const after = tokens[m.end]?.lower;
      const listed = before.lower !== ',' || after === ',' || after === 'and' || after === 'or';
      // "According to the president of Ukraine, the United States, European partners, and Russia are ...": the comma ends the opener.
      if (prev.end === p && prev.oblique !== undefined && listed && !(before.lower === ',' && afterAccordingTo(tokens, prev))) m.oblique = prev.oblique;
    }
  }
}

const TITLE_WORDS = new Set(wordLists.invertedSpeakerTitles);
const PEOPLE_GROUP_PREPOSITIONS = new Set(attributionLists.peopleGroupPrepositions);
const REGION_MODIFIERS = new Set(attributionLists.regionModifiers);

/** "drafted by envoy Steve Witkoff", "with President Zelensky": where the title words (up to three) before a name begin. */
function titlesBefore(tokens: readonly Token[], start: number): number {
  let i = start;
  while (i > 0 && start - i < 3 && tokens[i - 1]!.isWord && TITLE_WORDS.has(tokens[i - 1]!.lower)) i--;
  return i;
}

const LEADING_PARTICIPLES = new Set(attributionLists.leadingParticiples);

/** Start of a group noun that ends right before "of" (or "led") at index `of`, or -1. */
function findGroupHeadBefore(tokens: readonly Token[], of: number): number {
  // "critics of Zelensky", "opponents of the Kremlin": people set against a side are not of it.
  if (OPPONENT_NOUNS.has(tokens[of - 1]?.lower ?? '')) return -1;
  for (let s = of - 1; s >= Math.max(0, of - 3); s--) {
    const match = groupNouns.matchesAt(tokens, s)[0];
    if (match && match.end === of) return s;
  }
  return -1;
}
const OPPONENT_NOUNS = new Set(attributionLists.opponentNouns);

/** Mentions joined to `m` by "and", "," or "or" on its left: "Qatar and Turkey were...". */
export function coordinatedLeft(tokens: readonly Token[], mentions: readonly Mention[], index: number): Mention[] {
  const out: Mention[] = [mentions[index]!];
  // "it opposes Ukraine joining NATO, and it insists ...": a pronoun after "and" starts a clause; it is joined to nothing before it.
  if (UNJOINED_PRONOUNS.has(mentions[index]!.kind)) return out;
  let k = index;
  let rightStart = mentions[index]!.start;
  while (k > 0) {
    let left = mentions[k - 1]!;
    // "Lavrov and his American counterpart": a possessive pronoun right before a conjunct is its determiner, not a conjunct.
    if (k > 1 && left.end === rightStart && possessiveDeterminer(tokens, left)) {
      rightStart = left.start;
      k--;
      left = mentions[k - 1]!;
    }
    const between = tokens.slice(left.end, rightStart);
    // "Moscow as well as Kyiv": a coordinator of several words.
    if (phraseCoordinator(between)) {
      out.push(left);
      rightStart = left.start;
      k--;
      continue;
    }
    // "the United States, European partners, and the Russian side": a list's serial comma, "and" and an article (three
    // tokens) join its last conjunct only when the list goes on before (", " before `left`), not a clause ("..., and the Kremlin said").
    const serial = between.length === 3 && tokens[left.start - 1]?.text === ',' && mentions[k - 2]?.end === left.start - 1;
    // "Washington and its European allies": a possessive pronoun before the conjunct is its determiner, as "the" is.
    if (between.length === 0 || (between.length > 2 && !serial)
      || !between.every((t, j) => COORDINATORS.has(t.lower) || t.lower === 'the' || (j === between.length - 1 && POSSESSIVE_PRONOUNS.has(t.lower)))) break;
    if (!between.some((t) => COORDINATORS.has(t.lower))) break;
    if (left.possessive) break;
    // "After meeting Putin, Witkoff backed": a comma alone before a conjunct the list does not go on after ends a phrase;
    // a list joins its last conjunct with "and" or "or" ("France, Germany and Britain", "(Germany, France, Italy and Poland)").
    if (out.length === 1 && between.every((t) => t.text === ',') && !LIST_GOES_ON.has(tokens[mentions[index]!.end]?.lower ?? '')) break;
    out.push(left);
    rightStart = left.start;
    k--;
  }
  return out;
}

const PHRASE_COORDINATORS = attributionLists.phraseCoordinators.map((phrase) => phrase.split(' '));
const LIST_GOES_ON = new Set(grammar.listConnectors);

/** "as well as" (and "the" after it at most): the tokens between two conjuncts are a coordinator of several words. */
function phraseCoordinator(between: readonly Token[]): boolean {
  const words = between[between.length - 1]?.lower === 'the' ? between.slice(0, -1) : between;
  return PHRASE_COORDINATORS.some((phrase) => phrase.length === words.length && phrase.every((w, j) => words[j]!.lower === w));
}

/** "his", "her", "their" as a one-word possessive mention: the determiner of the noun after it. */
function possessiveDeterminer(tokens: readonly Token[], m: Mention): boolean {
  return m.possessive && m.end - m.start === 1 && POSSESSIVE_PRONOUNS.has(tokens[m.start]!.lower);
}

/** Mentions joined to `m` on its right: "from Trump and US officials". */
export function coordinatedRight(tokens: readonly Token[], mentions: readonly Mention[], index: number): Mention[] {
  const out: Mention[] = [mentions[index]!];
  let k = index;
  while (k + 1 < mentions.length) {
    const left = mentions[k]!;
    let right = mentions[k + 1]!;
    const between = tokens.slice(left.end, right.start);
    if (phraseCoordinator(between)) {
      out.push(right);
      k++;
      continue;
    }
    if (between.length === 0 || between.length > 3) break;
    if (!between.some((t) => COORDINATORS.has(t.lower))) break;
    if (!between.every((t) => COORDINATORS.has(t.lower) || t.lower === 'the' || prepositions.has(t.lower) || REGION_MODIFIERS.has(t.lower))) break;
    // "between Trump and his Russian counterpart": the conjunct is the counterpart, "his" its determiner.
    if (possessiveDeterminer(tokens, right) && mentions[k + 2]?.start === right.end) {
      k++;
      right = mentions[k + 1]!;
    }
    out.push(right);
    k++;
  }
  return out;
}
