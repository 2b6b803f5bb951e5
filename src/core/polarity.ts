// Polarity: stance triggers ("rejects", "open to", "unacceptable"), negation and
// hedges around them, the cue phrases that name the terms, and which terms a
// trigger reaches (its scope).
import { attributionLists, grammar, prepositions, reporting, stanceLexicon, stanceLists, TRIGGER_CLASSES, type TriggerClass, wordLists } from './lexicon/index.js';
import { PhraseIndex, stemSet } from './phrases.js';
import { stem, tokenText, tokenize, type Token } from './text.js';

export type Polarity = 1 | -1;

export interface Trigger {
  readonly start: number;
  readonly end: number;
  readonly polarity: Polarity;
  readonly cls: TriggerClass;
  readonly text: string;
  /** "not", "never", "little" before it flip it. */
  readonly negated: boolean;
  /** "could", "might", "if": a hypothetical, not a stance. */
  readonly hedged: boolean;
}

export interface CueMatch {
  readonly term: string;
  /** 1 names the term ("ceasefire"), -1 its opposite ("territorial integrity"). */
  readonly polarity: Polarity;
  readonly plan: boolean;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** "no ceasefire", "never join NATO": the cue is negated in place. */
  readonly negated: boolean;
  /** Token index of that negator (-1 when none): a trigger after it has taken it for itself. */
  readonly negatorAt: number;
}

export interface CuePayload {
  readonly term: string;
  /** 0 for an excluded look-alike. */
  readonly polarity: Polarity | 0;
  readonly plan: boolean;
}

interface TriggerPayload {
  readonly polarity: Polarity;
  readonly classes: Set<TriggerClass>;
}

const triggers = new PhraseIndex<TriggerPayload>({ by: 'stem' });
{
  const byText = new Map<string, TriggerPayload>();
  for (const [side, polarity] of [['support', 1], ['oppose', -1]] as const) {
    for (const cls of TRIGGER_CLASSES) {
      for (const phrase of stanceLexicon[side][cls]) {
        // "criticize" and "criticism" share a stem: one entry, both classes.
        const key = `${polarity}:${tokenize(phrase).map((t) => t.stem).join(' ')}`;
        const known = byText.get(key);
        if (known) known.classes.add(cls);
        else {
          const payload: TriggerPayload = { polarity, classes: new Set([cls]) };
          byText.set(key, payload);
          triggers.add(phrase, payload);
        }
      }
    }
  }
}

/** "press conference", "stumbling blocks": phrases that hide the stance words inside them. */
const masks = new PhraseIndex<true>({ by: 'lower' });
for (const phrase of stanceLexicon.masks) masks.add(phrase, true);
const negators = new Set(grammar.negators);
const subjectPronouns = new Set(grammar.subjectPronouns);
const hedges = new Set(grammar.hedges);
const determiners = new Set(grammar.determiners);
const clauseBreaks = new Set(grammar.clauseBreaks);
const complementizers = new Set(grammar.complementizers);
const listConnectors = new Set(grammar.listConnectors);
const NOUN_MARKERS = new Set(wordLists.nounMarkers);
const NOUN_FOLLOWERS = new Set(wordLists.nounFollowers);
const POINTER_FILLERS = new Set(wordLists.pointerFillers);
const NOUN_FORMS = new Set(wordLists.nounForms);
const NOUN_ONLY_BEFORE = new Set(wordLists.nounOnlyBefore);
const PREPOSITION_VERBS = new Set(wordLists.prepositionVerbs);
const VERB_SLOT_BEFORE = new Set(wordLists.verbSlotBefore);
const PREDICATE_ADVERBS = new Set(wordLists.predicateAdverbs);
const NEGATION_STOPS = new Set(wordLists.negationStops);
const PASSING_VERBS = new Set(wordLists.passingVerbs!.map((w) => stem(w)));
/** Whether a copula stands before `at`, with only adverbs between ("is always", "was still"). */
function afterCopula(tokens: readonly Token[], at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (/ly$/.test(tokens[i]!.lower) || PREDICATE_ADVERBS.has(tokens[i]!.lower))) i--;
  return i >= 0 && copulas.has(tokens[i]!.lower);
}
/** Whether the word before a verb-or-preposition makes it a verb: a subject pronoun ("we like"), an auxiliary or "to" ("would like"). */
function verbSlot(prev: Token | undefined): boolean {
  return prev !== undefined && (subjectPronouns.has(prev.lower) || VERB_SLOT_BEFORE.has(prev.lower) || prev.lower.endsWith("n't") || /ly$/.test(prev.lower));
}
const PUNCT_STOP = new Set([',', ';', ':', '.', '?', '!', '"', '(', ')']);

export function isNegator(token: Token): boolean {
  return negators.has(token.lower) || token.lower.endsWith("n't");
}

export interface Negation {
  /** An odd number of negators before the word: "did not reject" (not "not only ... but"). */
  readonly negated: boolean;
  /** The nearest negator's token index, or -1. */
  readonly negatorAt: number;
  /** "could", "might", "if": a hypothetical. */
  readonly hedged: boolean;
}

/** Negators that are not verbs ("not", "no", "never"): they may reach over "and" ("no ceasefire and talks"); "stop", "halt" do not. */
const CORE_NEGATORS = new Set(stanceLists.coreNegators);

/** "not only", "not just", "not merely": a negator before them adds, it does not negate. */
const NOT_ONLY = new Set(stanceLists.notOnly);

/** Whether token `i` negates what follows it: a negator, not "not only"; "little" only before a stance word. */
function negatesAt(tokens: readonly Token[], i: number, stanceWord: boolean): boolean {
  const t = tokens[i]!;
  return isNegator(t) && !NOT_ONLY.has(tokens[i + 1]?.lower ?? '') && (t.lower !== 'little' || stanceWord);
}

/**
 * The one place negation is read: the words up to four before `start`, within its
 * clause and up to punctuation. "not only" negates nothing; "has yet to" negates;
 * "little" negates a stance word ("little support") but not a term ("little territory").
 */
export function negationBefore(tokens: readonly Token[], start: number, stanceWord: boolean): Negation {
  let negated = false;
  let negatorAt = -1;
  let hedged = false;
  let coordinated = false;
  let finite = false;
  for (let i = start - 1; i >= Math.max(0, start - 4); i--) {
    const t = tokens[i]!;
    if (PUNCT_STOP.has(t.text) || isClauseBreak(tokens, i)) break;
    // "discussing guarantees without Russia was a utopia": "without" negates its own object, not a predicate after the verb.
    if (NEGATION_COPULAS.has(t.lower)) finite = true;
    if (finite && PREPOSITIONAL_NEGATORS.has(t.lower)) continue;
    // "ready to stop hostilities and begin negotiations": a negating verb governs its own conjunct, not the term after "and".
    if (t.lower === 'and') coordinated = true;
    if (coordinated && !stanceWord && isNegator(t) && !CORE_NEGATORS.has(t.lower) && !t.lower.endsWith("n't")) break;
    // "offered no timeline for further dialogue": a negator before another noun and its preposition negates that noun, not the term.
    if (!stanceWord && i < start - 1 && NEGATION_STOPS.has(t.lower)) break;
    if (negatesAt(tokens, i, stanceWord)) {
      negated = !negated;
      if (negatorAt < 0) negatorAt = i;
    }
    if (t.lower === 'yet' && tokens[i + 1]?.lower === 'to') negated = !negated;
    if (hedges.has(t.lower) || t.lower === 'if') hedged = true;
  }
  // "did not play an active role in drafting the proposal": a gerund after its noun's preposition is negated with that noun's verb.
  if (stanceWord && negatorAt < 0 && GERUND_LINKS.has(tokens[start - 1]?.lower ?? '') && /ing$/.test(tokens[start]?.lower ?? '')) {
    for (let i = start - 5; i >= Math.max(0, start - GERUND_NEGATION_REACH); i--) {
      const t = tokens[i]!;
      if (PUNCT_STOP.has(t.text) || isClauseBreak(tokens, i)) break;
      if (negatesAt(tokens, i, false)) {
        negated = !negated;
        if (negatorAt < 0) negatorAt = i;
      }
    }
  }
  return { negated, negatorAt, hedged };
}
const GERUND_LINKS = new Set(stanceLists.gerundLinks);
const PREPOSITIONAL_NEGATORS = new Set(stanceLists.prepositionalNegators);
const NEGATION_COPULAS = new Set(grammar.copulas);
/** How far back a negator may stand before a gerund after a preposition ("not play an active role in drafting"). */
const GERUND_NEGATION_REACH = 8;

function chooseClass(classes: Set<TriggerClass>, tokens: readonly Token[], start: number, end: number, isDemonym: (t: Token) => boolean): TriggerClass {
  if (classes.size === 1) return classes.values().next().value!;
  if (classes.has('noun') && classes.has('verb')) {
    const prev = tokens[start - 1];
    const next = tokens[end];
    if (prev !== undefined && subjectPronouns.has(prev.lower)) return 'verb';
    if (tokens[start]!.lower.endsWith('ed')) return 'verb';
    const nounish = (prev !== undefined && (NOUN_MARKERS.has(prev.lower) || isDemonym(prev)))
      || (next !== undefined && NOUN_FOLLOWERS.has(next.lower));
    return nounish ? 'noun' : 'verb';
  }
  for (const cls of TRIGGER_CLASSES) if (classes.has(cls)) return cls;
  return 'verb';
}

const ATTRIBUTIVE_DETERMINERS = new Set(attributionLists.attributiveDeterminers);
const PARTICIPLE_ADVERBS = new Set(grammar.participleAdverbs);

/**
 * "a recently signed Paris declaration", "the agreed framework", "those proposed changes": a past participle right after
 * an article or demonstrative (adverbs between) modifies the noun after it; it reports no act of the sentence's subject.
 */
export function attributiveParticiple(tokens: readonly Token[], at: number): boolean {
  const word = tokens[at]!.lower;
  const next = tokens[at + 1];
  // A preposition after the word makes it the head noun ("the need for", "the signing of"), not a participle before one.
  if (next === undefined || !next.isWord || next.lower === 'by' || prepositions.has(next.lower)) return false;
  // "the opposing sides", "the warring parties": a present participle before a noun is an adjective too.
  if (/ing$/.test(word)) {
    if (next.capitalised) return false;
  } else if (!/ed$/.test(word)) return false;
  let p = at - 1;
  while (p >= 0 && (/ly$/.test(tokens[p]!.lower) || PARTICIPLE_ADVERBS.has(tokens[p]!.lower))) p--;
  return p >= 0 && ATTRIBUTIVE_DETERMINERS.has(tokens[p]!.lower);
}

/** The stance triggers of a sentence, with negation and hedging read off the words before them. */
export function findTriggers(tokens: readonly Token[], isDemonym: (t: Token) => boolean = () => false, stems?: ReadonlySet<string>): Trigger[] {
  const out: Trigger[] = [];
  const masked = masks.findAll(tokens);
  for (const match of triggers.findAll(tokens, stems)) {
    const { start, end } = match;
    if (masked.length > 0 && masked.some((m) => m.start < end && start < m.end)) continue;
    const classes = match.phrase.payload.classes;
    const cls = chooseClass(classes, tokens, start, end, isDemonym);
    // "sanctions against Russia": a bare preposition is a stance only as a predicate ("is firmly against").
    if (cls === 'disposition' && end - start === 1 && prepositions.has(tokens[start]!.lower)) {
      const before = tokens[start - 1]?.lower ?? '';
      const before2 = tokens[start - 2]?.lower ?? '';
      if (!(copulas.has(before) || (/ly$/.test(before) && copulas.has(before2)) || before === 'not')) continue;
    }
    // "pursuits like NATO membership", "become like a buffer zone": a verb that is also a preposition is a verb only after its subject pronoun, an auxiliary or "to".
    if (cls === 'verb' && end - start === 1 && PREPOSITION_VERBS.has(tokens[start]!.lower) && !verbSlot(tokens[start - 1])) continue;
    // "the threat is always present": a bare verb form right after a copula is an adjective, not that verb.
    if (cls === 'verb' && end - start === 1 && !/(ed|ing)$/.test(tokens[start]!.lower) && afterCopula(tokens, start)) continue;
    // "behind its back": a verb after a determiner is a noun, and not this one.
    const before = tokens[start - 1]?.text === '"' ? tokens[start - 2] : tokens[start - 1];
    if (cls === 'verb' && !classes.has('noun') && before !== undefined && NOUN_ONLY_BEFORE.has(before.lower)) continue;
    if (cls === 'verb' && attributiveParticiple(tokens, start)) continue;
    // "called", "backing down": a noun entry in a verb form is not that noun.
    if (cls === 'noun' && !classes.has('verb') && end - start === 1 && /(ed|ing)$/.test(tokens[start]!.lower) && !NOUN_FORMS.has(tokens[start]!.lower)) continue;
    // "rejected the demand to cede land", "rejected calls for a truce": a noun right after a stance verb is its object.
    if ((cls === 'noun' || classes.has('noun')) && out.length > 0) {
      const prev = out[out.length - 1]!;
      if (prev.cls === 'verb' && tokens.slice(prev.end, start).every((t) => determiners.has(t.lower))) continue;
    }
    const { negated, hedged } = negationBefore(tokens, start, true);
    // "has no intention of" already holds its "no"; a negator inside the phrase is its meaning.
    const trigger: Trigger = {
      start, end, polarity: match.phrase.payload.polarity, cls,
      text: tokenText(tokens, start, end), negated, hedged,
    };
    const head = out[out.length - 1];
    if (head && complementOf(tokens, head, trigger)) {
      // "refused to accept", "ready to back", "urged Kyiv to reject": one stance, the head's holder, both polarities.
      out[out.length - 1] = {
        ...head, end, negated: false, hedged: head.hedged,
        // The complement's own negation is one between the two ("refused to not..."), not the head's "no".
        polarity: (effective(head) * trigger.polarity * (tokens.slice(head.end, start).some(isNegator) ? -1 : 1)) as Polarity,
        text: `${head.text} … ${trigger.text}`,
      };
      continue;
    }
    out.push(trigger);
  }
  return out;
}

const REPORTING_STEMS = new Set(reporting.verbs.filter((v) => !v.includes(' ')).map((v) => stem(v)));
const counterWords = new Set(grammar.counterWords);
const copulas = new Set([...grammar.copulas, 'be']);
const FINITE_SPEECH = new Set(wordLists.finiteSpeech);
const PEACE_PURPOSE = new Set(grammar.peacePurposes);
const OF_TERM = new Set(wordLists.ofTerm);
const CLAUSE_VERBS = new Set(wordLists.clauseVerbs);
const OBJECT_PRONOUNS = new Set(wordLists.objectPronouns);

/** Whether `next` is the infinitive complement of `head`: "refused to accept", "no intention of accepting", "urged Kyiv to accept". */
function complementOf(tokens: readonly Token[], head: Trigger, next: Trigger): boolean {
  if (head.cls === 'evaluative' || head.cls === 'modal' || next.cls === 'evaluative' || next.cls === 'modal') return false;
  const last = tokens[head.end - 1]!.lower;
  // "ruled out sending", "rejected sending troops": a gerund right after a stance verb is its object.
  if (next.start === head.end) return last === 'to' || last === 'of' || last === 'on' || last === 'for' || (head.cls === 'verb' && /ing$/.test(tokens[next.start]!.lower));
  if (tokens[next.start - 1]?.lower !== 'to') return false;
  if (next.start - 1 === head.end) return true;
  const between = tokens.slice(head.end, next.start - 1);
  return head.cls === 'verb' && between.length <= 4 && between.every((t) => t.capitalised || OBJECT_PRONOUNS.has(t.lower) || t.text === "'s");
}

/** Cue matches of a sentence: longest wins; a shorter cue inside a longer one of any term is dropped. */
export function findCues(tokens: readonly Token[], cues: PhraseIndex<CuePayload>, stems?: ReadonlySet<string>): CueMatch[] {
  // Of two cues on the same words, the one written for that form only ("peace =initiatives") outranks the one by stem.
  const all = cues.findEvery(tokens, stems).sort((a, b) => (b.end - b.start) - (a.end - a.start) || Number(b.contiguous) - Number(a.contiguous)
    || Number(b.phrase.text.includes('=')) - Number(a.phrase.text.includes('=')));
  const kept: typeof all = [];
  for (const m of all) {
    const clash = kept.some((k) => {
      const overlaps = m.start < k.end && k.start < m.end;
      if (!overlaps) return false;
      if (k.phrase.payload.term === m.phrase.payload.term) return true;
      // An excluded look-alike hides its own term's cues only: "accession negotiations" is not talks, but is EU membership.
      if (k.phrase.payload.polarity === 0) return false;
      return k.contiguous && k.start <= m.start && m.end <= k.end;
    });
    if (!clash) kept.push(m);
  }
  // Excluded look-alikes ("nuclear weapons") have done their work: they hid the cues inside them.
  for (let k = kept.length - 1; k >= 0; k--) if (kept[k]!.phrase.payload.polarity === 0) kept.splice(k, 1);
  // "Russia plans to", "to deal with": a one-word plan cue used as a verb.
  for (let k = kept.length - 1; k >= 0; k--) {
    const m = kept[k]!;
    if (!m.phrase.payload.plan || m.end - m.start !== 1) continue;
    const word = tokens[m.start]!.lower;
    const prev = tokens[m.start - 1];
    const next = tokens[m.end]?.lower;
    const asVerb = /(ed|ing)$/.test(word) || ((next === 'to' || next === 'with') && !(prev && (determiners.has(prev.lower) || prev.text === "'s" || /^\d/.test(prev.text))));
    // "Russia's plan to seize Kharkiv" is not a peace plan; "Trump's plan to end the war" is.
    const otherPlan = next === 'to' && !PEACE_PURPOSE.has(tokens[m.end + 1]?.lower ?? '');
    // "enormous economic deals", "proposals that involve freezing the conflict": the plan on the table is one; a bare plural
    // is others, unless a side's name owns it ("the U.S. proposals", "Trump's proposals").
    const owned = (prev !== undefined && m.start > 1 && (prev.text === "'s" || (prev.capitalised && prev.isWord)))
      || (prev?.text === '.' && tokens[m.start - 2]?.capitalised === true);
    const plural = word.endsWith('s') && tokens[m.start]!.stem !== word && !owned;
    if (asVerb || otherPlan || plural) kept.splice(k, 1);
  }
  kept.sort((a, b) => a.start - b.start);
  for (let k = kept.length - 1; k >= 0; k--) if (kept[k]!.phrase.payload.plan && genericPlan(tokens, kept[k]!.start)) kept.splice(k, 1);
  // "a ceasefire proposal", "a proposal to use frozen assets": a plan word next to another term's cue names a proposal of that term.
  const compounds = kept.filter((m, i) => {
    if (!m.phrase.payload.plan || m.end - m.start !== 1) return true;
    const before = kept[i - 1];
    if (before && before.end === m.start && !before.phrase.payload.plan) return false;
    const after = kept[i + 1];
    return !(after && !after.phrase.payload.plan && tokens.slice(m.end, after.start).filter((t) => t.isWord).length <= 5 && OF_TERM.has(tokens[m.end]?.lower ?? ''));
  });
  const out: CueMatch[] = [];
  for (const m of compounds) {
    let negatorAt = negationBefore(tokens, m.start, false).negatorAt;
    // "no foreign troops, including peacekeepers,": the examples of a negated cue are negated with it.
    const prev = out[out.length - 1];
    if (negatorAt < 0 && prev?.negated && m.start - prev.end <= 4 && tokens.slice(prev.end, m.start).some((t) => EXAMPLE_MARKERS.has(t.lower))
      && tokens.slice(prev.end, m.start).every((t) => EXAMPLE_MARKERS.has(t.lower) || t.text === ',' || determiners.has(t.lower))) negatorAt = prev.negatorAt;
    out.push({
      term: m.phrase.payload.term, polarity: m.phrase.payload.polarity as Polarity, plan: m.phrase.payload.plan,
      start: m.start, end: m.end, negated: negatorAt >= 0, negatorAt,
      text: tokenText(tokens, m.start, m.end).replace(/ ' s\b| 's\b/g, "'s"),
    });
  }
  return out;
}
const GENERIC_PLAN_DETERMINERS = new Set(stanceLists.genericPlanDeterminers);
const GENERIC_PLAN_MODIFIERS = new Set(stanceLists.genericPlanModifiers);
/** How many modifiers may stand between "any" and the plan word ("any potential peace deal"). */
const GENERIC_PLAN_REACH = 3;

/**
 * "guarantees in any peace agreement", "Russia will uphold any deal", "a referendum to ratify any peace agreement": a plan
 * word after "any" is whatever agreement there may be, not the plan on the table (annotation: generic deals are mentions).
 */
function genericPlan(tokens: readonly Token[], start: number): boolean {
  for (let i = start - 1; i >= Math.max(0, start - 1 - GENERIC_PLAN_REACH); i--) {
    const word = tokens[i]!.lower;
    if (GENERIC_PLAN_DETERMINERS.has(word)) return true;
    if (!GENERIC_PLAN_MODIFIERS.has(word)) return false;
  }
  return false;
}

/**
 * "Zelensky presented his Victory Plan", "the Marshall Plan": a one-word plan cue written as the end of
 * a capitalised name that no side owns is another named plan, not the one on the table ("the Trump Plan" is
 * the side's). A headline, where most words are capitalised, names nothing by its capitals.
 */
export function withoutNamedPlans(tokens: readonly Token[], cues: CueMatch[], owned: (at: number) => boolean): CueMatch[] {
  if (cues.some((c) => c.plan && tokens[c.end]?.lower === 'for')) cues = cues.filter((c) => !(c.plan && planForOtherName(tokens, c, owned)));
  if (!cues.some((c) => c.plan && c.end - c.start === 1 && tokens[c.start]!.capitalised)) return cues;
  if (tokens.every((t) => !t.isWord || t.capitalised || t.text.length < 4)) return cues;
  return cues.filter((c) => {
    if (!c.plan || c.end - c.start !== 1 || !tokens[c.start]!.capitalised) return true;
    const prev = tokens[c.start - 1];
    return !(prev !== undefined && c.start > 1 && prev.isWord && prev.capitalised && !/^\d/.test(prev.text) && !owned(c.start - 1));
  });
}

/**
 * "Trump's proposal for a 'Board of Peace'", "his peace plan for Gaza": a plan for a named thing that is no side of the
 * tracker (nor its topic's country) is another proposal, not the plan on the table. "a peace plan for Ukraine" keeps it.
 */
function planForOtherName(tokens: readonly Token[], plan: CueMatch, owned: (at: number) => boolean): boolean {
  let i = plan.end + 1;
  while (i < tokens.length && (determiners.has(tokens[i]!.lower) || tokens[i]!.text === '"' || tokens[i]!.text === "'")) i++;
  const name = tokens[i];
  return name !== undefined && name.isWord && name.capitalised && !owned(i);
}

const TIME_PREPOSITIONS = new Set(wordLists.timePrepositions);
const EXAMPLE_MARKERS = new Set(wordLists.exampleMarkers);

/** ";", "but", "while"... ("yet" too, but not in "has yet to"). */
export function isClauseBreak(tokens: readonly Token[], i: number): boolean {
  const lower = tokens[i]!.lower;
  // "..., nor does the plan provide for": a new clause ("neither Kyiv nor Moscow" is one subject).
  if (lower === 'nor') return tokens[i - 1]?.text === ',';
  return clauseBreaks.has(lower) && !(lower === 'yet' && tokens[i + 1]?.lower === 'to');
}

/** Clause number of every token: ";", "but", "while"... start a new clause. */
export function clauseIds(tokens: readonly Token[]): number[] {
  const ids: number[] = new Array(tokens.length);
  let id = 0;
  // "While Russia welcomed it, leaders in Kyiv rejected it": a leading subordinate clause ends at its comma.
  let leading = subordinators.has(tokens[0]?.lower ?? '');
  for (let i = 0; i < tokens.length; i++) {
    if (isClauseBreak(tokens, i)) {
      id++;
      // "... but that if Ukraine refuses, Russia's forces will advance": a subordinate clause opening the new clause ends at its comma too.
      const next = tokens[i + 1]?.lower === 'that' ? i + 2 : i + 1;
      if (subordinators.has(tokens[next]?.lower ?? '')) leading = true;
    } else if (tokens[i]!.lower === 'that' && subordinators.has(tokens[i + 1]?.lower ?? '') && tokens[i + 1]!.lower !== 'as') {
      // "Putin warned that if Ukraine rejects the plan, Russian forces will advance": the same, after "that".
      leading = true;
    } else if (leading && tokens[i]!.text === ',') {
      id++;
      leading = false;
    }
    ids[i] = id;
  }
  return ids;
}
const subordinators = new Set(grammar.sentenceSubordinators);

/** Index just after the nearest "that", "because"... before `pos` in the same clause (subject search stops there). */
export function leftLimit(tokens: readonly Token[], clauses: readonly number[], pos: number): number {
  const clause = clauses[pos] ?? clauses[clauses.length - 1] ?? 0;
  let i = pos - 1;
  for (; i >= 0; i--) {
    if (clauses[i] !== clause || isClauseBreak(tokens, i)) break;
    if (complementizers.has(tokens[i]!.lower)) {
      // "Qatar, which has mediated ..., said": a relative clause closed by its comma is skipped, not a limit.
      if (tokens[i]!.lower === 'which' && tokens[i - 1]?.text === ',' && tokens[i + 1]?.text !== ',' && tokens.slice(i + 2, pos).some((t) => t.text === ',')) continue;
      break;
    }
  }
  return i + 1;
}

function effective(t: Trigger): Polarity {
  return t.negated ? (-t.polarity as Polarity) : t.polarity;
}

function joinedAsList(tokens: readonly Token[], from: number, to: number, blockers: readonly Trigger[], polarity: Polarity): boolean {
  if (to - from > 16) return false;
  // "renouncing Crimea, agreeing to annexation, non-bloc status": list items may carry their own verb of the same sense.
  if (blockers.some((t) => t.start >= from && t.start < to && t.polarity * (t.negated ? -1 : 1) !== polarity)) return false;
  // "..., and Ukraine rejected ...": a new named subject starts a new statement.
  if (blockers.some((t) => t.start >= from && t.start < to && t.start > 0 && tokens[t.start - 1]!.capitalised && tokens[t.start - 1]!.text !== 'I')) return false;
  let connector = false;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (clauseBreaks.has(t.lower) || complementizers.has(t.lower) || t.text === '.') return false;
    // "..., Rutte said NATO's door ...": a finite verb of speech starts new words ("a pledge never to" does not).
    if (t.isWord && !t.capitalised && REPORTING_STEMS.has(t.stem) && (FINITE_SPEECH.has(t.lower) || t.lower.endsWith('ed'))) return false;
    // "a plan to Russia, coordinated with Kyiv following talks": a participle phrase or a time adjunct is no list item.
    if (t.text === ',' && /ed$/.test(tokens[i + 1]?.lower ?? '') && i + 1 < to) return false;
    // "..., adjusting its provisions on ...": the same for a present participle (not "including", which lists).
    if (t.text === ',' && /ing$/.test(tokens[i + 1]?.lower ?? '') && !EXAMPLE_MARKERS.has(tokens[i + 1]!.lower) && i + 1 < to) return false;
    if (TIME_PREPOSITIONS.has(t.lower)) return false;
    // "insisted the deal is still evolving and subject to further negotiation": a copula starts a predicate, not another item.
    if (copulas.has(t.lower)) return false;
    if (listConnectors.has(t.lower)) connector = true;
    // "..., and called for ...": a second predicate, not another item.
    const next = tokens[i + 1];
    if (t.lower === 'and' && next !== undefined && i + 1 < to && /ed$/.test(next.lower) && !determiners.has(next.lower)) return false;
  }
  return connector || from === to;
}

/** "insisting that any deal must preserve X": a term followed by its own verb is a subject, not the object. */
function isClauseSubject(tokens: readonly Token[], trigger: Trigger, c: CueMatch): boolean {
  if (!CLAUSE_VERBS.has(tokens[c.end]?.lower ?? '')) return false;
  for (let i = Math.max(trigger.end, c.start - 3); i < c.start; i++) if (tokens[i]!.lower === 'that') return true;
  return false;
}

const circumstanceFrames = new PhraseIndex<true>({ by: 'lower' });
for (const frame of wordLists.circumstanceFrames!) circumstanceFrames.add(frame, true);
const FRAME_FIRST_WORDS = new Set(wordLists.circumstanceFrames!.map((f) => f.split(' ')[0]!));
const OBJECT_ENDING_SUBORDINATORS = new Set(wordLists.objectEndingSubordinators);

/**
 * Whether the words from `from` to `to` open a circumstance ("in the event of", "amid") or a
 * new clause after a subordinator with its own subject ("as Kyiv faces", "after they").
 */
function circumstanceBetween(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    // "praised Sikorski, who backs a ceasefire": a relative clause on a person has its own subject.
    if (t.lower === 'who' && tokens[i - 1]?.text === ',') return true;
    if (!OBJECT_ENDING_SUBORDINATORS.has(t.lower)) continue;
    const prev = tokens[i - 1]?.lower;
    if (prev === 'such' || prev === 'well' || prev === 'as' || prev === 'so') continue;
    const next = tokens[i + 1];
    if (next !== undefined && next.isWord && ((next.capitalised && next.text !== 'I') || subjectPronouns.has(next.lower) || next.lower === 'the')) return true;
  }
  // "interest in speaking with them right after their meeting with Putin": a time adjunct is not the object either
  // ("agreed during the talks" is said in them, so "during" is no such adjunct).
  for (let i = from + 1; i < to; i++) if (TIME_PREPOSITIONS.has(tokens[i]!.lower) && tokens[i]!.lower !== 'during') return true;
  if (to - from < 2) return false;
  let any = false;
  for (let i = from; i < to && !any; i++) any = FRAME_FIRST_WORDS.has(tokens[i]!.lower);
  return any && circumstanceFrames.findAll(tokens.slice(from, to)).length > 0;
}

/** The cues a trigger reaches on its right: the first one and those listed with it. */
/**
 * "declined to comment on the plan", "refused to give details of his plan", "trying to persuade the envoys":
 * a stance word followed by "to" and a verb that is neither a stance word, an act nor part of a term
 * governs that verb, whose object is not the term. Light verbs pass the stance on ("wants to reach a
 * ceasefire", "refused to hold talks": `wordLists.passingVerbs`).
 */
export function infinitiveTakesObject(tokens: readonly Token[], trigger: Trigger, cues: readonly CueMatch[], others: readonly Trigger[]): boolean {
  // "declined to" holds its "to"; "refused" takes one after it.
  const at = tokens[trigger.end - 1]?.lower === 'to' ? trigger.end : tokens[trigger.end]?.lower === 'to' ? trigger.end + 1 : -1;
  const verb = at < 0 ? undefined : tokens[at];
  if (verb === undefined || !verb.isWord || verb.capitalised || determiners.has(verb.lower) || /^\d/.test(verb.text) || /(ly|ing|ed|s)$/.test(verb.lower)) return false;
  if (cues.some((c) => c.start === at) || others.some((t) => t.start === at)) return false;
  return !PASSING_VERBS.has(verb.stem);
}

const GOAL_CONDITION_NOUNS = new Set(wordLists.goalConditionNouns);
const GOAL_CONDITION_LINKS = new Set(wordLists.goalConditionLinks);

/**
 * "rejected Russia's conditions for a truce", "dismissed the ceasefire conditions": a term that
 * conditions are set for is their goal, not what they ask; whoever rejects them does not reject it.
 * (The side that sets them is read by the condition noun itself: it offers the goal on terms.)
 */
function goalOfConditions(tokens: readonly Token[], from: number, cue: CueMatch): boolean {
  const after = tokens[cue.end];
  if (after !== undefined && GOAL_CONDITION_NOUNS.has(after.lower)) return true;
  for (let i = from; i < cue.start - 1; i++) {
    if (GOAL_CONDITION_NOUNS.has(tokens[i]!.lower) && GOAL_CONDITION_LINKS.has(tokens[i + 1]!.lower)) return true;
  }
  return false;
}

const INFORMATION_NOUNS = new Set(wordLists.informationNouns);
const TOPIC_PREPOSITIONS = new Set(wordLists.topicPrepositions);

/**
 * "will present a new report on the draft", "is offering notes on peace plans": what a stance word
 * gives or asks for is the report or the notes; the term after "on", "about" is only their topic.
 */
function topicOfInformation(tokens: readonly Token[], from: number, cue: CueMatch): boolean {
  for (let i = from; i < cue.start - 1; i++) {
    if (INFORMATION_NOUNS.has(tokens[i]!.lower) && TOPIC_PREPOSITIONS.has(tokens[i + 1]!.lower)) return true;
  }
  return false;
}

/**
 * "the conditions proposed by Moscow": a participle followed by its "by" agent modifies the noun before
 * it, which is its object; what comes after the agent is not.
 */
function participleWithAgent(tokens: readonly Token[], trigger: Trigger): boolean {
  if (trigger.cls !== 'verb' || !/ed$/.test(tokens[trigger.end - 1]!.lower) || tokens[trigger.end]?.lower !== 'by') return false;
  // "would have to be signed by authorities chosen in elections": a full passive, whose agent phrase may hold the term.
  let i = trigger.start - 1;
  while (i >= 0 && /ly$/.test(tokens[i]!.lower)) i--;
  const before = tokens[i]?.lower ?? '';
  return !copulas.has(before) && !PASSIVE_AUXILIARIES.has(before);
}
const PASSIVE_AUXILIARIES = new Set(wordLists.passive);

const PREDICATIVE_VERBS = stemSet(stanceLists.predicativeVerbs!);
/**
 * "dismissed the report as standard negotiating strategy", "rejected the claims as propaganda": what comes after "as" is
 * what the object is called, not the object; a term there is not what the stance word acts on. Only when the object
 * between the verb and "as" names no term ("dismissed Putin's proposal as a sham" still reaches the proposal).
 */
function predicativeBefore(tokens: readonly Token[], trigger: Trigger, first: CueMatch): boolean {
  if (trigger.cls !== 'verb' || !PREDICATIVE_VERBS.has(tokens[trigger.start]!.stem)) return false;
  for (let i = trigger.end + 1; i < first.start; i++) {
    if (tokens[i]!.lower !== 'as' || !tokens[i - 1]!.isWord) continue;
    // "rejected it as a capitulation plan": a pronoun object is what the "as" phrase names, so the term there is the object's.
    return tokens.slice(trigger.end, i).some((t) => !OBJECT_PRONOUNS.has(t.lower) && !determiners.has(t.lower));
  }
  return false;
}

const ADJUNCT_PREPOSITIONS = new Set(stanceLists.adjunctPrepositions);
const OBJECT_CONDITIONS = new Set(stanceLists.objectConditions);
/** "rather than", "instead of": what is set against the object (`lists.contrastWords`). */
const CONTRAST_WORDS = new Set(stanceLists.contrastWords);
const ADJUNCT_EXCEPTIONS = new Set(stanceLists.adjunctExceptions);
/**
 * "concessions that Kyiv has consistently rejected in previous negotiations", "agreed at the talks in Istanbul": a verb's
 * stance word followed straight by "in", "at", "during" has its object elsewhere (before it, in a relative clause); the
 * term in that phrase is where or when, not what is rejected.
 */
function adjunctObject(tokens: readonly Token[], trigger: Trigger, first: CueMatch): boolean {
  if (trigger.cls !== 'verb' || trigger.end - trigger.start !== 1 || !ADJUNCT_PREPOSITIONS.has(tokens[trigger.end]?.lower ?? '')) return false;
  // "needed at least ten more systems", "agreed in principle to a ceasefire": a quantity or a second preposition is no place or time.
  for (let i = trigger.end + 1; i < first.start; i++) {
    const t = tokens[i]!;
    if (!t.isWord || t.capitalised || prepositions.has(t.lower) || ADJUNCT_EXCEPTIONS.has(t.lower)) return false;
  }
  return first.start - trigger.end <= 4;
}

export function cuesRight(tokens: readonly Token[], clauses: readonly number[], trigger: Trigger, cues: readonly CueMatch[], others: readonly Trigger[]): CueMatch[] {
  if (participleWithAgent(tokens, trigger)) return [];
  const clause = clauses[trigger.start];
  const candidates = cues.filter((c) => c.start >= trigger.end && clauses[c.start] === clause && !isClauseSubject(tokens, trigger, c));
  if (candidates.length === 0 || candidates[0]!.start - trigger.end > 20) return [];
  const blockers = others.filter((t) => t !== trigger);
  const first = candidates[0]!;
  if (goalOfConditions(tokens, trigger.end, first) || topicOfInformation(tokens, trigger.end, first)) return [];
  if (blockers.some((t) => t.start >= trigger.end && t.start < first.start && t.cls !== 'evaluative' && effective(t) !== effective(trigger))) return [];
  // "presented a counter-proposal to the plan": the object is the counter, not the plan.
  for (let i = trigger.end; i < first.start; i++) if (counterWords.has(tokens[i]!.lower)) return [];
  // An attributive judgement sits right before its noun: "unacceptable conditions".
  if (trigger.cls === 'evaluative' && first.start - trigger.end > 3) return [];
  // "Given Putin's refusal to end the war, Treasury is sanctioning ...": a comma and a new subject end the object.
  for (let i = trigger.end; i < first.start - 1; i++) {
    if (tokens[i]!.text !== ',') continue;
    const next = tokens[i + 1]!;
    // "pushed for more aid, complicating diplomatic efforts": a participle after a comma opens its own phrase.
    if (next.isWord && !next.capitalised && /ing$/.test(next.lower) && !EXAMPLE_MARKERS.has(next.lower) && !others.some((t) => t.start === i + 1) && !cues.some((c) => c.start === i + 1)) return [];
    const after = tokens[i + 2];
    if (next.capitalised && next.isWord && after !== undefined && !after.capitalised && (copulas.has(after.lower) || CLAUSE_VERBS.has(after.lower) || /(ed|es|ing)$/.test(after.lower))) return [];
  }
  // "signed a declaration ... in the event of a peace agreement", "support for Kyiv as it faces pressure to sign a plan":
  // a term inside a circumstance, or after a subordinator that opens a new clause, is not the object.
  if (circumstanceBetween(tokens, trigger.end, first.start)) return [];
  // "wanted all of Donetsk and that any peacekeepers...", "... and said Kyiv would": a second clause is not the object.
  for (let i = trigger.end + 1; i < first.start; i++) {
    const t = tokens[i]!;
    if ((t.lower === 'that' || t.lower === 'and') && (tokens[i - 1]!.lower === 'and' || tokens[i - 1]!.text === ',')) return [];
    if (REPORTING_STEMS.has(t.stem) && (tokens[i - 1]!.lower === 'and' || tokens[i - 1]!.text === ',')) return [];
    // "it was not his final offer and he hoped to stop the fighting": a subject pronoun after "and" opens a clause of its own.
    if (tokens[i - 1]!.lower === 'and' && subjectPronouns.has(t.lower) && t.lower !== 'it') return [];
  }
  if (predicativeBefore(tokens, trigger, first) || adjunctObject(tokens, trigger, first)) return [];
  // "ready to leave his post provided that ... the war ends with a peace agreement": what a condition names is not the object.
  for (let i = trigger.end; i < first.start; i++) if (OBJECT_CONDITIONS.has(tokens[i]!.lower) || CONTRAST_WORDS.has(tokens[i]!.lower)) return [];
  const out = [first];
  for (let k = 1; k < candidates.length; k++) {
    const prev = out[out.length - 1]!;
    const next = candidates[k]!;
    if (next.start < prev.end) {
      out.push(next); // two terms in one phrase: "membership in the EU and NATO"
      continue;
    }
    if (!joinedAsList(tokens, prev.end, next.start, blockers, effective(trigger))) break;
    // "called for an army of 800,000 rather than the 600,000 in the US proposal": what is set against the object is not reached.
    if (tokens.slice(prev.end, next.start).some((t) => CONTRAST_WORDS.has(t.lower))) break;
    out.push(next);
  }
  return out;
}

/** The cues a trigger reaches on its left, nearest first and listed ones with it, not past `limit`. */
export function cuesLeft(tokens: readonly Token[], clauses: readonly number[], trigger: Trigger, cues: readonly CueMatch[], limit: number, others: readonly Trigger[]): CueMatch[] {
  const clause = clauses[trigger.start];
  const candidates = cues.filter((c) => c.end <= trigger.start && c.start >= limit && clauses[c.start] === clause).reverse();
  if (candidates.length === 0) return [];
  const blockers = others.filter((t) => t !== trigger);
  const first = candidates[0]!;
  if (blockers.some((t) => t.start >= first.end && t.start < trigger.start && t.cls !== 'evaluative' && t.cls !== 'modal')) return [];
  const out = [first];
  for (let k = 1; k < candidates.length; k++) {
    const prev = out[out.length - 1]!;
    const next = candidates[k]!;
    if (next.end > prev.start) {
      out.push(next);
      continue;
    }
    if (!joinedAsList(tokens, next.end, prev.start, blockers, effective(trigger))) break;
    out.push(next);
  }
  return out;
}

const POSSESSIVE_PRONOUNS = new Set(wordLists.possessivePronouns);

/**
 * "A diplomatic solution must protect Europe's vital security interests": an evaluative word after an owner ("'s", "its")
 * qualifies the owner's noun; it judges nothing on its left.
 */
export function attributiveEvaluative(tokens: readonly Token[], trigger: Trigger): boolean {
  const prev = tokens[trigger.start - 1];
  return prev !== undefined && (prev.text === "'s" || POSSESSIVE_PRONOUNS.has(prev.lower)) && tokens[trigger.end]?.isWord === true;
}

/** True when the words right after a trigger point back ("it", "this", "such conditions") rather than name a term. */
export function pointsBack(tokens: readonly Token[], from: number, words: ReadonlySet<string>): boolean {
  for (let i = from; i < Math.min(tokens.length, from + 3); i++) {
    const t = tokens[i]!;
    // "urged those who had not contributed": a relative clause follows, nothing is pointed back to.
    if (words.has(t.lower)) {
      const next = tokens[i + 1];
      // "demanded that any ambitions ... are shelved", "said that Kyiv": a complementizer opens a clause; it points to nothing.
      if (t.lower === 'that' && next !== undefined && (determiners.has(next.lower) || subjectPronouns.has(next.lower) || (next.capitalised && next.isWord))) return false;
      return next?.lower !== 'who';
    }
    if (!(determiners.has(t.lower) || POINTER_FILLERS.has(t.lower))) return false;
  }
  return false;
}
