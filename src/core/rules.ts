// The rules that turn one sentence into findings: stance triggers and the terms
// they reach, refusals without a stance verb, conditions, and plans (the author
// supports the plan and what it contains). Each reads a SentenceView and the
// document's Memory, and appends findings; tagger.ts runs them in order.
import { actorsOf, demandVerbBefore, findHolders, holdsInSpeech, namedCoAuthors, planCoAuthors, relativeClauseHead, subjectLeft, type HolderContext } from './attribution.js';
import type { Analysed } from './discourse.js';
import { grammar, prepositions, reporting, stanceLexicon, stanceLists, wordLists } from './lexicon/index.js';
import { coordinatedRight, type Mention } from './mentions.js';
import { PhraseIndex, stemSet, type PhraseMatch } from './phrases.js';
import { attributiveEvaluative, attributiveParticiple, cuesLeft, cuesRight, infinitiveTakesObject, isClauseBreak, isNegator, leftLimit, negationBefore, pointsBack, type CueMatch, type Polarity, type Trigger } from './polarity.js';
import { followProvisions, isProvision, newProvisionRun, type ProvisionRun } from './rules/provisions.js';
import { betweenOtherParties } from './rules/other-conflicts.js';
import { askedAbout, pastOwnObject, reportedAbsence } from './rules/reach.js';
import { soughtDeal } from './rules/sought-deals.js';
import { talkAgentMentions } from './rules/talk-agents.js';
import { tokenLower, tokenText, type Sentence, type Token } from './text.js';

const determiners = new Set(grammar.determiners);
const grievanceNouns = new Set(grammar.grievanceNouns);
const pressureWords = new Set(grammar.pressureWords);
const processWords = new Set(grammar.processWords);
const anaphora = new Set(grammar.anaphora);
const demandAnaphora = new Set(grammar.demandAnaphora);
const READY_LINKS = new Set(wordLists.readyLinks);
const RELATIVES = new Set(wordLists.relatives);
const PLURAL_ANAPHORA = new Set(wordLists.pluralAnaphora);
const planMarkers = new PhraseIndex<true>({ by: 'stem' });
for (const marker of grammar.planContentMarkers) planMarkers.add(marker, true);
const WOULD = stemSet(['would', 'will']);
const actionAuxiliaries = new Set(grammar.actionAuxiliaries);
const PASSIVE = new Set(wordLists.passive);
const copulas = new Set([...grammar.copulas, 'be']);
const authorParticiples = new Set(grammar.authorSuffixes);
const proposalNouns = new Set(grammar.proposalNouns);
const conditionMarkers = new PhraseIndex<true>({ by: 'stem' });
for (const marker of grammar.conditionMarkers) conditionMarkers.add(marker, true);

/**
 * The rule families a caller may switch off (`stance eval --ablate` measures what each
 * one is worth on a gold set). Every family is on by default.
 */
export const RULE_FAMILIES = ['triggers', 'acts', 'refusals', 'conditions', 'plans', 'anaphora', 'pronouns', 'quote-speakers', 'demand-clauses', 'voices', 'plan-rejection', 'plan-lists', 'warnings', 'provision-runs', 'sought-deals'] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

/**
 * The weight of one finding, by the rule that made it: the one table to tune. The weights
 * of a pair's findings decide its stance (support, oppose, or mixed when the weaker side
 * has at least half the stronger's weight); the record's confidence is calibration.ts's.
 */
export const CONFIDENCE = {
  trigger: 0.8,
  triggerBySpeaker: 0.7,
  anaphoric: 0.55,
  negatedPenalty: 0.05,
  act: 0.75,
  refusal: 0.6,
  condition: 0.6,
  planAuthor: 0.65,
  planContent: 0.6,
} as const;

/** One sentence's evidence that an actor points one way on a term. */
export interface Finding {
  readonly actor: string;
  readonly term: string;
  readonly polarity: Polarity;
  readonly confidence: number;
  readonly sentence: Sentence;
  readonly cue: string;
  readonly rule: string;
}

export function stanceOf(polarity: number): Polarity {
  return polarity >= 0 ? 1 : -1;
}


/** What carries from one sentence to the next within a document. */
export interface Memory {
  /** The terms of the last sentence that named one (for "it", "this"). */
  lastCues: { cues: CueMatch[]; index: number };
  /** What the last demand asked for (for "the demands", "such conditions"). */
  lastDemand: { cues: CueMatch[]; index: number };
  /** The side whose plan the document is about. */
  planAuthor: string[] | undefined;
  /** The last plan contents ended with ":": the bullet or semicolon items after it are contents too. */
  planList: boolean;
  /** Paragraph of the last sentence that set out plan contents, or -1. */
  planParagraph: number;
  /** Index of the last sentence that named a plan whose author is known (for "the document", "that version"). */
  planSentence: number;
  /** The plan contents the last sentence that listed some listed (for "Kyiv rejected the plan" after them). */
  lastContents: { cues: CueMatch[]; index: number };
  /** The sides that opposed the plan in the last sentences (not its authors), for contents listed right after their rejection. */
  rejecters: { actors: Set<string>; index: number; author: string };
  /** Index and paragraph of the last sentence that was only an item's number ("1.", "12.", "a."), or -9. */
  itemNumber: { index: number; paragraph: number };
  /** The paragraphs written as a plan's provisions so far (rules/provisions.ts). */
  provisions: ProvisionRun;
  /** Index of the last sentence that named a side's own terms ("Putin's proposal"; `ownTerms`), or -9, and the plan word it used. */
  ownTermsSentence: number;
  ownTermsWord: string;
  /** Index of the last sentence that named a plan (whoever its author) or was a numbered point after one, or -99 (`numberedPlanPoint`). */
  planNamedSentence: number;
  /** Index of the last sentence that named another term's deal ("a ceasefire deal in the Black Sea"; `anotherDeal`), or -9. */
  otherDealSentence: number;
}

export function newMemory(): Memory {
  return { lastCues: { cues: [], index: -9 }, lastDemand: { cues: [], index: -9 }, planAuthor: undefined, planParagraph: -1, planList: false, planSentence: -9, lastContents: { cues: [], index: -9 }, rejecters: { actors: new Set(), index: -9, author: '' }, itemNumber: { index: -9, paragraph: -9 }, provisions: newProvisionRun(), ownTermsSentence: -9, ownTermsWord: '', planNamedSentence: -99, otherDealSentence: -9 };
}

/** A sentence ready for the rules: its analysis, who speaks where, and the triggers that count. */
export interface SentenceView extends Analysed {
  readonly ctx: HolderContext;
  /** Triggers that are not part of a name or the object of another trigger. */
  readonly active: readonly Trigger[];
  /** A question asks; it does not state a stance ("Will Moscow accept a truce?"). */
  readonly question: boolean;
  readonly findings: Finding[];
  /** Rule families switched off for this run. */
  readonly off: ReadonlySet<RuleFamily>;
  /** The tracker's topic phrases, lower case ("ukraine"): as a modifier they name the topic, not an author. */
  readonly topicNames: ReadonlySet<string>;
  /** Terms that name the process, not a provision: never a plan's contents. */
  readonly processTerms: ReadonlySet<string>;
  /** The tracker's counterparties (actors with `counterparty: true`): the side the others negotiate with. */
  readonly counterparties: ReadonlySet<string>;
  /** Where a characterisation starts ("Critics argue that ..."; `characterisation`), Infinity when there is none: no stance after it. */
  readonly characterisedFrom: number;
}

/** Stance triggers and the terms they reach. Returns the cues some trigger reached. */
export function applyTriggers(view: SentenceView, memory: Memory): Set<CueMatch> {
  const { sentence, tokens, mentions, cues, clauses, ctx, active, question, findings, characterisedFrom } = view;
  const reachedCues = new Set<CueMatch>();
  const warning = view.off.has('warnings') ? undefined : warningIn(view);
  for (const trigger of active) {
    if (trigger.hedged || question || trigger.start > characterisedFrom) continue;
    // "the U.S.-brokered framework", "a Kremlin-backed plan": a participle joined to a name by a hyphen modifies the noun after it; it has no subject.
    if (trigger.cls === 'verb' && tokens[trigger.start - 1]?.text === '-' && tokens[trigger.start - 1]!.end === tokens[trigger.start]!.start) continue;
    // "Moscow said that work on a peace agreement would take a month": a word right after "said that" opens the clause; it is its subject (a noun), not a verb.
    if (trigger.cls === 'verb' && tokens[trigger.start - 1]?.lower === 'that' && REPORTING_STEMS.has(tokens[trigger.start - 2]?.stem ?? '')) continue;
    // "left without securing the missiles", "failed to secure guarantees": what a side did not obtain it still wants; no stance either way.
    if (trigger.negated && OBTAINING_VERBS.has(tokens[trigger.start]!.lower)) continue;
    // "Trump warned that supplying such missiles might escalate tensions": what a warning is about is not done or backed.
    if (warning && trigger.start >= warning.from && trigger.start < warning.modal) continue;
    // "as Kyiv faces pressure to sign up to a plan", "forced to accept": what others push for, not the subject's stance.
    if (tokens[trigger.start - 1]?.lower === 'to' && tokens.slice(Math.max(0, trigger.start - 6), trigger.start - 1).some((t) => pressureWords.has(t.lower))) continue;
    // "frustration with the slow pace of the talks" is impatience with the process, not opposition to it.
    if (grievanceNouns.has(tokens[trigger.start]!.lower) && tokens.slice(trigger.end, trigger.end + 5).some((t) => processWords.has(t.lower))) continue;
    // "Europe should fund aid": the modal before the verb makes it the speaker's prescription (the modal's rule), not Europe's stance.
    if (trigger.cls === 'verb' && prescribed(view, trigger.start)) continue;
    // "ready to stop as soon as Ukraine announces a withdrawal", "only if Europe provides guarantees": a condition, not the subject's stance.
    if (conditional(view, trigger.start) || doubted(view, trigger.start)) continue;
    // "moved too slowly on supplying weapons": a gerund after a topic preposition names what is talked about, not what is done.
    if (/ing$/.test(tokens[trigger.start]!.lower) && topicOf(tokens, trigger.start)) continue;
    // "..., a demand firmly rejected by Ukraine": the noun an agent's participle follows is what the agent acts on; it holds nothing.
    if (trigger.cls === 'noun' && appositionHead(view, trigger) !== undefined) continue;
    // "trying to attract Putin's support for a ceasefire", "could not get Ukraine's consent": support sought is not given.
    if (trigger.cls === 'noun' && trigger.polarity === 1 && soughtSupport(tokens, trigger)) continue;
    let reached: CueMatch[] = [];
    let anaphoric = false;
    const apposed = trigger.cls === 'verb' ? apposedTo(view, trigger) : undefined;
    if (apposed !== undefined) reached = apposed;
    else if (trigger.cls === 'evaluative') {
      // "described the talks as useful": the judged thing sits between the verb and the judgement.
      const limit = leftLimit(tokens, clauses, trigger.start);
      reached = attributiveEvaluative(tokens, trigger) ? [] : cuesLeft(tokens, clauses, trigger, cues, limit, active);
      // "any troops that enter Ukraine would be legitimate targets": the judged term heads the relative clause.
      if (reached.length === 0 && RELATIVES.has(tokens[limit - 1]?.lower ?? '')) {
        const head = cues.find((c) => c.end === limit - 1);
        if (head) reached = [head];
      }
      if (reached.length === 0) reached = cuesRight(tokens, clauses, trigger, cues, active);
      // "The conversation was very useful", "described the meeting as productive": a meeting judged useful backs the talks.
      if (reached.length === 0 && trigger.polarity === 1) reached = judgedMeeting(view, trigger, limit);
    } else if (!infinitiveTakesObject(tokens, trigger, cues, active)) {
      reached = cuesRight(tokens, clauses, trigger, cues, active);
      // "British troops stand ready to", "peacekeepers would be ready to": the term is what is ready.
      if (reached.length === 0 && trigger.cls === 'disposition') {
        const subject = cues.find((c) => c.end <= trigger.start && tokens.slice(c.end, trigger.start).every((t) => READY_LINKS.has(t.lower)));
        if (subject) reached = [subject];
      }
      // "We are ready to engage", "prepared to engage to ensure a durable agreement": readiness to engage is openness to talks.
      if (reached.length === 0 && trigger.cls === 'disposition' && trigger.polarity === 1) reached = engagementAfter(view, trigger);
      // "a ceasefire that Ukraine accepted last week", "a plan, which drew criticism from Kyiv": a relative clause's stance word is about the term it qualifies.
      if (reached.length === 0 && (trigger.cls === 'verb' || trigger.cls === 'noun')) {
        const head = relativeClauseHead(tokens, mentions, cues, trigger);
        if (head) reached = [head];
      }
    }
    // "opposed clauses calling for a multinational force": the stance verb before the object governs what the object calls for.
    const governing = governingVerbOfObject(view, trigger);
    const holders = governing ? findHolders(ctx, governing, grammar.agentPrepositions[governing.cls]) : findHolders(ctx, trigger, grammar.agentPrepositions[trigger.cls]);
    if (!holders) continue;
    if (reached.length === 0) {
      const earlier = cues.filter((c) => c.end <= trigger.start);
      const anaphoraOn = !view.off.has('anaphora');
      if (anaphoraOn && pointsBack(tokens, trigger.end, demandAnaphora)) {
        reached = recent(memory.lastDemand, sentence);
        anaphoric = true;
      } else if (anaphoraOn && trigger.cls === 'evaluative' && tokens.slice(Math.max(0, trigger.start - 4), trigger.start).some((t) => demandAnaphora.has(t.lower))) {
        reached = recent(memory.lastDemand, sentence); // "called the demands unacceptable"
        anaphoric = true;
      } else if (anaphoraOn && (pointsBack(tokens, trigger.end, anaphora) || (trigger.cls === 'evaluative' && tokens.slice(Math.max(0, trigger.start - 4), trigger.start).some((t) => anaphora.has(t.lower))))) {
        // "rejected that argument" points to the last term named; "rejected them" to all of them.
        const plural = pointsBack(tokens, trigger.end, PLURAL_ANAPHORA);
        reached = earlier.length > 0 ? earlier.slice(-1) : plural ? recent(memory.lastCues, sentence) : recent(memory.lastCues, sentence).slice(-1);
        anaphoric = true;
      // "the agreement being signed", "'the plan was approved,' X said": a passive without its "by" agent names nobody who acts.
      } else if (leftScopeAllowed(tokens, trigger, holders.source) && !(holders.source !== 'agent' && passive(tokens, trigger))) {
        reached = cuesLeft(tokens, clauses, trigger, cues, leftLimit(tokens, clauses, trigger.start), active);
      }
    }
    // "concerned about the stalled talks" is worry about the process, and "not worried about X" is no stance at all:
    // a worry opposes only a provision it names.
    if (trigger.cls === 'disposition' && WORRY_STEMS.has(tokens[trigger.start]!.stem)) {
      // "Belgium's concerns about the summit": the noun is the noun trigger's, with its owner.
      if (trigger.negated || !/ed$/.test(tokens[trigger.start]!.lower)) continue;
      reached = reached.filter((c) => !view.processTerms.has(c.term));
    }
    // "Kallas expressed concerns around US-brokered talks, which have not yielded results": the noun is worry about the process too.
    if (trigger.cls === 'noun' && trigger.polarity === -1 && WORRY_NOUNS.has(tokens[trigger.start]!.lower)) reached = reached.filter((c) => !view.processTerms.has(c.term));
    // "It must be clear how the size of the army will be financed": a term inside an indirect question is asked about, not backed.
    // (Cues a pronoun pointed back to are another sentence's: these tests read this sentence's words.)
    if (!anaphoric) reached = reached.filter((c) => !askedAbout(tokens, clauses, c) && !pastOwnObject(tokens, trigger, c));
    // "brokering a ceasefire between Israel and Hamas": another war's term (rules/other-conflicts.ts).
    if (!anaphoric && reached.some((c) => tokens[c.end]?.lower === 'between')) reached = reached.filter((c) => !betweenOtherParties(tokens, mentions, c.end));
    if (reached.length === 0) continue;
    if (forUnknownParty(tokens, mentions, trigger)) continue;
    for (const cue of reached) reachedCues.add(cue);
    // "as Trump pushes for a deal to end the war": an agreement sought is the talks, not the plan (rules/sought-deals.ts).
    if (trigger.polarity === 1 && !anaphoric && !view.off.has('sought-deals') && reached.some((c) => soughtDeal(tokens, trigger, c))) reached = asTalks(view, trigger, reached);
    const speaker = ctx.speakerAt(trigger.start);
    const turned: Polarity = governing === undefined ? 1 : governing.negated ? (-governing.polarity as Polarity) : governing.polarity;
    const polarity = trigger.polarity * (trigger.negated ? -1 : 1) * turned;
    if (trigger.polarity === 1 && (trigger.cls === 'noun' || trigger.cls === 'verb') && /^(demand|condition)/i.test(trigger.text)) memory.lastDemand = { cues: reached, index: sentence.index };
    for (const actor of holders.actors) {
      if (!holdsInSpeech(speaker, actor, holders.source, tokens, trigger.start, trigger.cls)) continue;
      const confidence = (anaphoric ? CONFIDENCE.anaphoric : holders.source === 'speaker' ? CONFIDENCE.triggerBySpeaker : CONFIDENCE.trigger) - (trigger.negated ? CONFIDENCE.negatedPenalty : 0);
      for (const cue of reached) addFinding(findings, sentence, actor, cue, polarity, confidence, `trigger:${trigger.cls}:${holders.source}`, trigger);
    }
  }
  if (warning && !question) applyWarning(view, warning, reachedCues);
  return reachedCues;
}

const REPORTING_STEMS = stemSet(reporting.verbs);
/** The cues a word of seeking reached, with each deal still to be made read as the talks (none when the tracker has no talks term). */
function asTalks(view: SentenceView, trigger: Trigger, reached: readonly CueMatch[]): CueMatch[] {
  const talks = processTermOf(view);
  const out: CueMatch[] = [];
  for (const cue of reached) {
    if (!soughtDeal(view.tokens, trigger, cue)) out.push(cue);
    else if (talks !== undefined && !out.some((c) => c.term === talks.term)) out.push(talksCueAt(talks.term, view.tokens, cue.start));
  }
  return out;
}

const SEEKING_VERBS = stemSet(stanceLists.seekingVerbs!);
/** How far before a support noun the verb seeking it may stand ("attract Russian President Vladimir Putin's support"). */
const SEEKING_REACH = 7;

/** Whether a verb of seeking governs the support noun (through its owner's name and "'s"): the support is wanted, not given. */
function soughtSupport(tokens: readonly Token[], trigger: Trigger): boolean {
  for (let i = trigger.start - 1; i >= Math.max(0, trigger.start - SEEKING_REACH); i--) {
    const t = tokens[i]!;
    if (SEEKING_VERBS.has(t.stem)) return true;
    if (!(t.capitalised || t.text === "'s" || determiners.has(t.lower))) return false;
  }
  return false;
}

/** The talks term as a cue on the one word at `at` that stands for them ("engage", "meeting"): what a rule found them by. */
function talksCueAt(term: string, tokens: readonly Token[], at: number): CueMatch {
  return { term, polarity: 1, plan: false, start: at, end: at + 1, text: tokens[at]!.text, negated: false, negatorAt: -1 };
}

const ENGAGE_VERBS = new Set(stanceLists.engageVerbs);

/** "ready to engage": the talks, as a cue at the verb of engaging right after a disposition ("ready to"), or nothing. */
function engagementAfter(view: SentenceView, trigger: Trigger): CueMatch[] {
  const { tokens } = view;
  const at = tokens[trigger.end - 1]?.lower === 'to' ? trigger.end : tokens[trigger.end]?.lower === 'to' ? trigger.end + 1 : -1;
  if (at < 0 || !ENGAGE_VERBS.has(tokens[at]?.lower ?? '')) return [];
  // "ready to engage in fighting": engaging in something else is not talking.
  if (tokens[at + 1]?.lower === 'in' && !PROCESS_AFTER_ENGAGE.has(tokens[at + 2]?.lower ?? '') && !PROCESS_AFTER_ENGAGE.has(tokens[at + 3]?.lower ?? '')) return [];
  const talks = processTermOf(view);
  if (talks === undefined) return [];
  return [talksCueAt(talks.term, tokens, at)];
}
const PROCESS_AFTER_ENGAGE = new Set(stanceLists.engageObjects);

const MEETING_NOUNS = new Set(stanceLists.meetingNouns);
const MEETING_JUDGEMENTS = stemSet(stanceLists.meetingJudgements!);
/** How many words may stand between a meeting noun and its judgement ("the talks had been very useful"). */
const MEETING_JUDGED_REACH = 8;

/**
 * "The conversation was very useful, constructive", "Ushakov described the meeting as productive", "a productive meeting":
 * a meeting or conversation judged useful is support for the talks (the term's gloss: "calls talks useful or productive").
 * Returns the talks as a cue at the meeting noun, or nothing. Read per evaluative trigger only.
 */
function judgedMeeting(view: SentenceView, trigger: Trigger, limit: number): CueMatch[] {
  const { tokens, clauses } = view;
  if (!MEETING_JUDGEMENTS.has(tokens[trigger.start]!.stem)) return [];
  const talks = processTermOf(view);
  if (talks === undefined) return [];
  let at = -1;
  const next = tokens[trigger.end];
  if (next !== undefined && MEETING_NOUNS.has(next.lower)) at = trigger.end;
  for (let i = trigger.start - 1; at < 0 && i >= Math.max(limit, trigger.start - MEETING_JUDGED_REACH); i--) {
    if (clauses[i] !== clauses[trigger.start]) break;
    if (MEETING_NOUNS.has(tokens[i]!.lower)) at = i;
  }
  if (at < 0) return [];
  return [talksCueAt(talks.term, tokens, at)];
}

interface Warning {
  /** The warning verb ("warned"). */
  readonly verbAt: number;
  /** The first token of the warned-about clause, after "that". */
  readonly from: number;
  /** Its modal ("would", "might"): the warned-about subject lies between. */
  readonly modal: number;
}

const WARNING_MODALS = new Set(stanceLists.warningModals);
const WARNING_VERBS = stemSet(stanceLists.warningVerbs!);
/** The first letters of the warning verbs: most words are passed over on one character. */
const WARNING_INITIALS = new Set(stanceLists.warningVerbs!.map((verb) => verb.charCodeAt(0)));
/** How long the warned-about subject may be, up to its modal. */
const WARNED_SUBJECT_REACH = 25;
const WARNING_HARMS = stemSet(stanceLists.warningHarms!);
/** How far after the modal the harm may stand ("would be regarded as legitimate combat targets"). */
const WARNING_HARM_REACH = 7;

/**
 * "Russia warned that any Western troops sent to Ukraine would be regarded as legitimate targets", "Trump warned that supplying
 * such missiles might escalate tensions": a warning that something would do harm (`stanceLists.warningHarms`) opposes it. The
 * clause after "warn(ed) that" up to its modal is what is warned about; a harm word must follow the modal. A cheap pass behind
 * a precheck: only a sentence with a term is read, and only words with a warning verb's first letter are looked up.
 */
function warningIn(view: SentenceView): Warning | undefined {
  const { tokens, cues } = view;
  if (cues.length === 0) return undefined;
  for (let i = 0; i < tokens.length - 2; i++) {
    if (!WARNING_INITIALS.has(tokens[i]!.lower.charCodeAt(0)) || !WARNING_VERBS.has(tokens[i]!.stem) || tokens[i + 1]!.lower !== 'that') continue;
    // "cautioning that any foreign soldiers, military infrastructure, or facilities ... would be": a listed subject has commas.
    for (let m = i + 3; m < Math.min(tokens.length, i + 2 + WARNED_SUBJECT_REACH); m++) {
      const t = tokens[m]!;
      if (t.text === ';' || t.text === '.' || t.text === ':' || isClauseBreak(tokens, m)) break;
      if (!WARNING_MODALS.has(t.lower)) continue;
      for (let h = m + 1; h < Math.min(tokens.length, m + 1 + WARNING_HARM_REACH); h++) {
        if (WARNING_HARMS.has(tokens[h]!.stem)) return { verbAt: i, from: i + 2, modal: m };
      }
      break;
    }
  }
  return undefined;
}

/** The warner opposes each term named in what the warning is about (its subject, before the modal). */
function applyWarning(view: SentenceView, warning: Warning, reachedCues: Set<CueMatch>): void {
  const { sentence, tokens, cues, ctx, findings } = view;
  const warned = cues.filter((c) => c.start >= warning.from && c.end <= warning.modal && !c.plan);
  if (warned.length === 0) return;
  const probe: Trigger = { start: warning.verbAt, end: warning.verbAt + 1, polarity: -1, cls: 'verb', text: tokens[warning.verbAt]!.text, negated: false, hedged: false };
  const holders = findHolders(ctx, probe, ['by']);
  if (!holders) return;
  const speaker = ctx.speakerAt(warning.verbAt);
  for (const cue of warned) reachedCues.add(cue);
  for (const actor of holders.actors) {
    if (!holdsInSpeech(speaker, actor, holders.source, tokens, warning.verbAt)) continue;
    for (const cue of warned) addFinding(findings, sentence, actor, cue, -1, CONFIDENCE.trigger, `warning:${holders.source}`, probe);
  }
}

const APPOSITION_NOUNS = new Set(stanceLists.appositionNouns);
/** The participle with its "by" agent right after a noun trigger ("a demand firmly rejected by Ukraine"), or undefined. */
function appositionHead(view: SentenceView, noun: Trigger): Trigger | undefined {
  const { tokens, active } = view;
  if (!APPOSITION_NOUNS.has(tokens[noun.start]!.lower)) return undefined;
  let i = noun.end;
  while (i < tokens.length && /ly$/.test(tokens[i]!.lower)) i++;
  const participle = active.find((t) => t.start === i && t.cls === 'verb');
  return participle !== undefined && /ed$/.test(tokens[participle.start]!.lower) && tokens[participle.end]?.lower === 'by' ? participle : undefined;
}

/**
 * "Russia demanded recognition of the annexation, a demand firmly rejected by Ukraine", "Moscow is demanding a full withdrawal
 * - a proposal rejected by Kyiv": a participle with its agent, on a demand noun set after a comma or dash, acts on what that
 * clause named (the terms before the noun). Undefined when the trigger is no such participle.
 */
function apposedTo(view: SentenceView, participle: Trigger): CueMatch[] | undefined {
  const { tokens, active, cues } = view;
  if (tokens[participle.end]?.lower !== 'by') return undefined;
  const noun = active.find((t) => t.cls === 'noun' && t.end <= participle.start && appositionHead(view, t) === participle);
  const nounAt = noun?.start ?? (APPOSITION_NOUNS.has(tokens[participle.start - 1]?.lower ?? '') ? participle.start - 1 : -1);
  if (nounAt < 1) return undefined;
  let i = nounAt - 1;
  while (i >= 0 && determiners.has(tokens[i]!.lower)) i--;
  if (i < 0 || !APPOSITION_MARKS.has(tokens[i]!.text)) return undefined;
  const before = cues.filter((c) => c.end <= i && !c.plan);
  return before.length > 0 ? before.slice(-1) : undefined;
}
const APPOSITION_MARKS = new Set([',', '-', '\u2014', '\u2013']);

/** How many words an object may have between a stance verb and the participle that qualifies it ("opposed the clauses calling for"). */
const MODIFIED_OBJECT_WORDS = 3;

/**
 * "She opposed clauses calling for a multinational force", "rejected provisions demanding a ceasefire": an -ing stance word
 * right after the object of another stance verb qualifies that object, so that verb governs it: its holder holds the stance
 * and its polarity turns it (the clauses call for the force; she opposes them). Undefined when no such verb governs it, or
 * when the object is itself a term ("rejected a plan calling for talks": the plan is the object, and the participle is the plan's).
 */
function governingVerbOfObject(view: SentenceView, trigger: Trigger): Trigger | undefined {
  const { tokens, active, cues } = view;
  if (trigger.cls !== 'verb' || !/ing$/.test(tokens[trigger.start]!.lower)) return undefined;
  const head = active.find((t) => t.cls === 'verb' && t.end < trigger.start && trigger.start - t.end <= MODIFIED_OBJECT_WORDS);
  if (head === undefined || head === trigger) return undefined;
  const between = tokens.slice(head.end, trigger.start);
  if (!between.every((t) => t.isWord && !t.capitalised) || between.every((t) => determiners.has(t.lower))) return undefined;
  if (cues.some((c) => c.start < trigger.start && c.end > head.end)) return undefined;
  return head;
}

/** An act that is a stance on a term by whoever does it (tracker `acts`). */
export interface ActPayload {
  readonly term: string;
  readonly polarity: Polarity;
}

const WOULD_BEFORE = new Set(wordLists.wouldBefore);
const ACT_NOUN_BEFORE = new Set(wordLists.actNounBefore);

/**
 * Acts as stances: "the EU extended sanctions" opposes sanctions relief, "Germany will
 * deliver more air defence" supports military aid. The doer holds it: the subject (or the
 * "by X" agent), the possessor of a nominal act ("Britain's new sanctions package"), or
 * the speaker of "we". "refused to lift sanctions" composes with the stance word before it.
 */
export function applyActs(view: SentenceView, acts: readonly PhraseMatch<ActPayload>[], reachedCues: ReadonlySet<CueMatch>): void {
  const { sentence, tokens, ctx, active, question, findings, characterisedFrom } = view;
  if (question) return;
  for (const match of acts) {
    const { start, end } = match;
    if (start > characterisedFrom) continue;
    // A stance word already reached a term inside this act ("pledged to deliver weapons"): one reading is enough.
    if ([...reachedCues].some((c) => c.start < end && start < c.end)) continue;
    const negation = negationBefore(tokens, start, true);
    // "condemning a recently signed Paris declaration": a participle qualifying a noun is nobody's act here.
    if (attributiveParticiple(tokens, start)) continue;
    // "Ukraine would hold elections within 100 days": a provision or a hypothetical, not an act.
    if (negation.hedged || WOULD_BEFORE.has(tokens[start - 1]?.lower ?? '') || WOULD_BEFORE.has(tokens[start - 2]?.lower ?? '')) continue;
    // "Europe should impose sanctions": a prescription is the speaker's, not the doer's act.
    if (prescribed(view, start) || conditional(view, start) || doubted(view, start)) continue;
    let polarity: number = match.phrase.payload.polarity * (negation.negated ? -1 : 1);
    let head: Trigger | undefined;
    // "To hold elections, martial law must be lifted": a purpose, not an act.
    if (tokens[start - 1]?.lower === 'to' && (start === 1 || tokens[start - 2]!.text === ',')) continue;
    // "a decision regarding the use of frozen assets", "talks on lifting sanctions": an act as a topic is not done.
    if (topicOf(tokens, start)) continue;
    // "refused to lift", "agreed to extend", "ready to send": the stance word before "to" governs the act.
    if (tokens[start - 1]?.lower === 'to') {
      head = active.find((t) => (t.end === start - 1 || t.end === start) && t.cls !== 'evaluative' && t.cls !== 'modal');
      if (head) {
        if (head.hedged) continue;
        polarity = match.phrase.payload.polarity * head.polarity * (head.negated ? -1 : 1);
      }
    }
    const nominal = !head && ACT_NOUN_BEFORE.has(tokens[start - 1]?.lower ?? '') || (start > 0 && ctx.demonymActor(tokens[start - 1]!) !== undefined);
    const probe: Trigger = head ?? {
      start, end, polarity: match.phrase.payload.polarity, cls: nominal ? 'noun' : 'verb',
      text: match.phrase.text, negated: negation.negated, hedged: false,
    };
    const holders = findHolders(ctx, probe, nominal ? ['by', 'from', 'of'] : ['by']);
    if (!holders) continue;
    // "Britain and France drafted a text adjusting the use of frozen assets": a named act is its owner's ("Britain's new
    // sanctions package"), not the clause subject's, who did something else to it (drafted, discussed, adjusted).
    if (nominal && holders.source === 'subject') continue;
    const speaker = ctx.speakerAt(start);
    const cue: CueMatch = {
      term: match.phrase.payload.term, polarity: 1, plan: false, start, end, negated: false, negatorAt: -1,
      text: tokenText(tokens, start, end),
    };
    for (const actor of holders.actors) {
      if (!holdsInSpeech(speaker, actor, holders.source, tokens, start, probe.cls)) continue;
      addFinding(findings, sentence, actor, cue, polarity, CONFIDENCE.act, `act:${holders.source}`);
    }
  }
}

const MEETING_VERBS = new Set(stanceLists.meetingVerbs);
const MEETING_INTENTS = new Set(stanceLists.meetingIntents);
const MEETING_INTENT_HEADS = new Set(stanceLists.meetingIntentHeads);
const MEETING_SKIPS = new Set(stanceLists.meetingSkips);
const MEETING_READINESS = new Set(stanceLists.meetingReadiness);
/** "travel", "sent", "dispatched": a trip made to meet, whose purpose ("to meet Putin", "for talks with") is the meeting. */
const MEETING_TRIPS = new Set(stanceLists.meetingTrips);
const MEETING_TRIP_WORDS = new Set(stanceLists.meetingTripWords);
const MEETING_TALK_NOUNS = new Set(stanceLists.meetingTalkNouns);
const MEETING_HOLD_VERBS = new Set(stanceLists.meetingHoldVerbs);
/** How far after the side a trip's purpose may stand ("sent his son-in-law Jared Kushner and envoy Steve Witkoff to Moscow to meet"). */
const MEETING_TRIP_REACH = 16;
/** Whether the parties sit on both sides of the table (one of the tracker's counterparties and one not): talks, not allies conferring. */
function acrossTheTable(view: SentenceView, parties: ReadonlySet<string>): boolean {
  return [...parties].some((a) => view.counterparties.has(a)) && [...parties].some((a) => !view.counterparties.has(a));
}
/** How far after a side its announced meeting may stand ("Witkoff said he and Kushner will also meet"). */
const MEETING_REACH = 6;
/** How far after "meet" the other party may be named ("meet with Russian President Vladimir Putin"). */
const MEETING_PARTY_REACH = 6;

/**
 * "Putin said he would meet Witkoff in Moscow", "Kyiv and Washington will meet in Switzerland", "US envoys to meet Putin",
 * "Trump is expected to talk to Putin soon", "ready to meet Trump": a side's announced or intended meeting with another
 * side is its initiative to talk (annotation rule of rn25: support for the talks). A meeting held ("met with") is only
 * taking part, and reported with nothing said about the talks gives nothing. Work is per mention of a side.
 */
function applyMeetingActs(view: SentenceView): void {
  const { sentence, tokens, mentions, clauses, ctx, findings, question, characterisedFrom } = view;
  if (question) return;
  const talks = processTermOf(view);
  if (talks === undefined) return;
  for (const m of mentions) {
    if (m.actor === undefined || m.possessive || m.modifier || m.oblique !== undefined) continue;
    const at = meetingVerbAfter(view, m);
    if (at < 0 || at > characterisedFrom) continue;
    const together = coordinatedRight(tokens, mentions, mentions.indexOf(m));
    const parties = new Set(actorsOf(together));
    for (const o of mentions) if (o.start > at && o.start - at <= MEETING_PARTY_REACH && o.actor !== undefined && clauses[o.start] === clauses[at]) parties.add(o.actor);
    if (parties.size < 2) continue;
    // "ready to meet Trump" is openness to talk whoever the other party is; a meeting set or expected ("will meet",
    // "is set to meet") is talks only across the table ("Kyiv and Washington will meet" is allies conferring).
    const readiness = MEETING_READINESS.has(tokens[at - 2]?.lower ?? '');
    if (!readiness && !acrossTheTable(view, parties)) continue;
    if (prescribed(view, at) || conditional(view, at) || doubted(view, at)) continue;
    const negation = negationBefore(tokens, at, true);
    if (negation.hedged) continue;
    const polarity = negation.negated ? -1 : 1;
    const speaker = ctx.speakerAt(at);
    const actors = m.kind === 'first-person' ? speaker?.actors ?? [] : actorsOf(together);
    for (const actor of actors) {
      if (m.kind !== 'first-person' && !holdsInSpeech(speaker, actor, 'subject', tokens, at)) continue;
      findings.push({ actor, term: talks.term, polarity, confidence: CONFIDENCE.act, sentence, cue: `${tokens[at - 1]!.text} ${tokens[at]!.text}`, rule: 'act:meeting' });
    }
  }
}

/** "US envoys to meet Putin": a headline's subject opens it (only capitalised words or determiners before it). */
function headlineSubject(tokens: readonly Token[], m: Mention): boolean {
  for (let i = 0; i < m.start; i++) if (!tokens[i]!.capitalised && !determiners.has(tokens[i]!.lower)) return false;
  return true;
}

/**
 * The meeting verb a side announces right after its mention ("will meet", "is set to meet", "to meet" in a headline), or
 * the end of a trip made for talks ("would travel to Moscow to meet with Putin", "sent Witkoff to Moscow to meet Putin",
 * "will travel to Russia for talks with Putin": the verb or the talks noun); -1 when there is none.
 */
function meetingVerbAfter(view: SentenceView, m: Mention): number {
  const { tokens, clauses, mentions } = view;
  const together = coordinatedRight(tokens, mentions, mentions.indexOf(m));
  const from = together[together.length - 1]!.end;
  let trip = false;
  for (let i = from; i < Math.min(tokens.length, from + (trip ? MEETING_TRIP_REACH : MEETING_REACH)); i++) {
    const t = tokens[i]!;
    if (clauses[i] !== clauses[m.start]) return -1;
    // "to hold talks with", "will begin talks": a verb of holding the talks is the meeting verb.
    if (MEETING_VERBS.has(t.lower) || (MEETING_HOLD_VERBS.has(t.lower) && MEETING_TALK_NOUNS.has(tokens[i + 1]?.lower ?? ''))) {
      const prev = tokens[i - 1]!;
      if (MEETING_INTENTS.has(prev.lower)) return i;
      // "US envoys to meet Putin", "is set to meet", "plans to meet", "ready to talk to", "travel to Moscow to meet".
      if (prev.lower === 'to' && ((i - 1 === from && headlineSubject(tokens, m)) || trip || MEETING_INTENT_HEADS.has(tokens[i - 2]?.lower ?? '') || copulas.has(tokens[i - 2]?.lower ?? ''))) return i;
      return -1;
    }
    if (MEETING_TRIPS.has(t.lower)) { trip = true; continue; }
    if (trip && t.lower === 'for') {
      const noun = determiners.has(tokens[i + 1]?.lower ?? '') ? i + 2 : i + 1;
      return MEETING_TALK_NOUNS.has(tokens[noun]?.lower ?? '') ? noun : -1;
    }
    const other = mentions.find((o) => o !== m && o.start <= i && i < o.end);
    // Another side as a subject starts another clause's meeting; a place ("to Moscow") or the envoy sent is part of the trip.
    if (other !== undefined && other.start === i && other.actor !== m.actor && !together.includes(other) && !(trip && (other.oblique !== undefined || tokens[i - 1]?.lower === 'to'))) return -1;
    if (other !== undefined) continue;
    if (trip && (t.capitalised || MEETING_TRIP_WORDS.has(t.lower) || determiners.has(t.lower) || t.lower === 'to')) continue;
    if (!MEETING_SKIPS.has(t.lower) && !MEETING_INTENTS.has(t.lower) && !MEETING_INTENT_HEADS.has(t.lower) && !copulas.has(t.lower) && t.lower !== 'to') return -1;
  }
  return -1;
}

const TOPIC_PREPOSITIONS = new Set(wordLists.topicPrepositions);
/** Whether the words before `at` make what starts there the topic of a preposition ("regarding the use of", "talks on lifting"). */
function topicOf(tokens: readonly Token[], at: number): boolean {
  let i = at - 1;
  while (i >= 0 && determiners.has(tokens[i]!.lower)) i--;
  return i >= 0 && TOPIC_PREPOSITIONS.has(tokens[i]!.lower);
}

/**
 * "Europe should fund air defence", "Europe should stop dithering and put the assets to
 * work": a verb that a modal governs (in its clause, no new subject between) is prescribed.
 */
const modalWords = new Set(stanceLexicon.support.modal.map((w) => w.split(' ')[0]!));
function prescribed(view: SentenceView, at: number): boolean {
  const { tokens, clauses, mentions, active } = view;
  return active.some((m) => (m.cls === 'modal' || modalWords.has(tokens[m.start]!.lower)) && m.end <= at && at - m.end <= 12 && clauses[m.start] === clauses[at]
    && !mentions.some((x) => x.start >= m.end && x.start < at && x.actor !== undefined)
    && !tokens.slice(m.end, at).some((t) => t.text === ',' || t.lower === 'that'));
}

/**
 * Whether the word at `at` is inside a condition clause ("if", "unless", "as soon as", "only if"
 * before it in its clause, no comma between): what a condition asks of a side is not that side's stance.
 */
function conditional(view: SentenceView, at: number): boolean {
  const { tokens, clauses } = view;
  // "If American negotiators treat the war as ... and press both sides to agree to a ceasefire, they will fail": a sentence
  // that opens with its condition keeps it up to the first comma, however long.
  if (LEADING_CONDITIONS.has(tokens[0]?.lower ?? '')) {
    let comma = 1;
    while (comma < at && tokens[comma]!.text !== ',') comma++;
    if (comma >= at) return true;
  }
  const from = Math.max(0, at - 12);
  let any = false;
  for (let i = from; i < at && !any; i++) any = OPENER_FIRST_WORDS.has(tokens[i]!.lower);
  if (!any) return false;
  return conditionOpeners.findAll(tokens.slice(from, at)).some((m) => clauses[from + m.start] === clauses[at]
    && !tokens.slice(from + m.end, at).some((t) => t.text === ',' || t.text === ';' || t.text === ':' || t.text === '"'));
}
/**
 * "Diplomats doubt Putin will accept the guarantees", "there is no indication that Putin will agree":
 * what a doubt is about is not asserted (a doubt word before `at` in the sentence, no comma or semicolon between).
 */
function doubted(view: SentenceView, at: number): boolean {
  const { tokens } = view;
  const from = Math.max(0, at - 10);
  const found = doubtMarkers.findAll(tokens.slice(from, at));
  return found.some((m) => !tokens.slice(from + m.end, at).some((t) => t.text === ',' || t.text === ';' || t.text === ':'));
}
const doubtMarkers = new PhraseIndex<true>({ by: 'lower' });
for (const marker of wordLists.doubtMarkers!) doubtMarkers.add(marker, true);

const LEADING_CONDITIONS = new Set(stanceLists.leadingConditions);
const conditionOpeners = new PhraseIndex<true>({ by: 'lower' });
for (const opener of wordLists.conditionOpeners!) conditionOpeners.add(opener, true);
const OPENER_FIRST_WORDS = new Set(wordLists.conditionOpeners!.map((o) => o.split(' ')[0]!));

/** Refusals without a stance verb: "Kyiv will never cede territory", "we won't join NATO". */
export function applyRefusals(view: SentenceView, reachedCues: ReadonlySet<CueMatch>): void {
  const { sentence, tokens, mentions, cues, clauses, ctx, findings } = view;
  for (const cue of cues) {
    const norm = !reachedCues.has(cue) && !cue.plan && !view.question ? principlePolarity(tokens, cue) : 0;
    if (norm !== 0) {
      // "International borders must not be changed by force," the leaders said: a norm the speaker states.
      for (const actor of ctx.speakerAt(cue.start)?.actors ?? []) addFinding(findings, sentence, actor, cue, norm, CONFIDENCE.refusal, 'principle');
      continue;
    }
    if (!cue.negated || reachedCues.has(cue) || cue.plan) continue;
    const negator = tokens[cue.negatorAt]!;
    const aux = tokens[cue.negatorAt - 1];
    // "There will be no ceasefire", "Zelensky: no territorial concessions": a flat "no" in someone's words.
    const flatNo = negator.lower === 'no' && (aux === undefined || copulas.has(aux.lower) || aux.text === ':' || aux.text === '"');
    if (flatNo) {
      const speaker = ctx.speakerAt(cue.negatorAt);
      for (const actor of speaker?.actors ?? []) addFinding(findings, sentence, actor, cue, 1, CONFIDENCE.refusal, 'refusal');
      continue;
    }
    if (!(negator.lower === 'never' || negator.lower.endsWith("n't") || (aux !== undefined && actionAuxiliaries.has(aux.lower)))) continue;
    if (tokens.slice(cue.negatorAt + 1, cue.start).some((t) => PASSIVE.has(t.lower))) continue;
    if (reportedAbsence(tokens, cue)) continue;
    // "was not sure about the next round": a refusal negates the act itself, not an adjective before it.
    if (!tokens.slice(cue.negatorAt + 1, cue.start).every((t) => determiners.has(t.lower) || /ly$/.test(t.lower) || t.lower === 'to')) continue;
    const subject = subjectLeft(tokens, mentions, cue.negatorAt, leftLimit(tokens, clauses, cue.negatorAt));
    const speaker = ctx.speakerAt(cue.negatorAt);
    const actors = Array.isArray(subject) ? actorsOf(subject)
      : subject === 'first-person' || (subject === 'plural-pronoun' && speaker && !speaker.quoted) ? speaker?.actors ?? [] : [];
    for (const actor of actors) {
      if (!holdsInSpeech(speaker, actor, 'subject', tokens, cue.negatorAt)) continue;
      addFinding(findings, sentence, actor, cue, 1, CONFIDENCE.refusal, 'refusal');
    }
  }
}

const PRINCIPLE_MODALS = new Set(wordLists.principleModals);
/**
 * "sanctions should be lifted", "borders must not be changed by force": a term's phrase with a modal inside it states a
 * norm. Returns the speaker's polarity times the cue's, or 0 for no norm: a negator inside turns an affirming phrase round
 * ("sanctions must not be lifted"); a negating phrase ("borders ... by force") already means its negated form, so it
 * counts only with its negator inside.
 */
function principlePolarity(tokens: readonly Token[], cue: CueMatch): number {
  let modal = false;
  let negated = false;
  for (let i = cue.start + 1; i < cue.end - 1; i++) {
    const t = tokens[i]!;
    if (PRINCIPLE_MODALS.has(t.lower)) modal = true;
    if (isNegator(t)) negated = !negated;
  }
  if (!modal) return 0;
  if (cue.polarity < 0) return negated ? 1 : 0;
  return negated ? -1 : 1;
}

/** Conditions: "we will fight on unless Kyiv leaves Donbas" is support for what the condition demands. */
export function applyConditions(view: SentenceView): void {
  const { sentence, tokens, mentions, cues, clauses, ctx, findings } = view;
  for (const marker of conditionMarkers.findAll(tokens)) {
    const clause = clauses[marker.start];
    const inCondition = cues.filter((c) => c.start >= marker.end && clauses[c.start] === clause
      && !tokens.slice(marker.end, c.start).some((t) => t.text === ',' || t.text === ';') && !goalOfTerms(tokens, c) && !indefinitePlan(tokens, c));
    if (inCondition.length === 0) continue;
    const limit = leftLimit(tokens, clauses, marker.start);
    // "Those talks proposed that Ukraine adopt neutrality in exchange for guarantees": the proposer's condition, not Ukraine's.
    const demandAt = demandVerbBefore(tokens, limit);
    const subject = demandAt >= 0 ? subjectLeft(tokens, mentions, demandAt, leftLimit(tokens, clauses, demandAt)) : subjectLeft(tokens, mentions, marker.start, limit);
    if (demandAt >= 0 && !Array.isArray(subject)) continue;
    const speaker = ctx.speakerAt(marker.start);
    const actors = Array.isArray(subject) ? actorsOf(subject)
      : subject === 'first-person' ? speaker?.actors ?? [] : speaker?.actors ?? [];
    const conditioned = restrictedBefore(view, marker.start, marker.end, limit);
    for (const actor of actors) {
      if (!holdsInSpeech(speaker, actor, 'subject', tokens, marker.start)) continue;
      for (const cue of inCondition) addFinding(findings, sentence, actor, cue, 1, CONFIDENCE.condition, 'condition');
      for (const cue of conditioned) addFinding(findings, sentence, actor, cue, -1, CONFIDENCE.condition, 'condition:restricted');
    }
  }
}

const INDEFINITE = new Set(stanceLists.indefiniteDeterminers);
/** How many modifiers may stand between "a" and the plan word ("a lasting peace agreement"). */
const INDEFINITE_REACH = 3;
/**
 * "provided that the conflict ends with a peace agreement", "unless a deal is reached": a plan word after "a" inside a condition
 * is whatever agreement there may be, not the plan on the table (as "any deal" is, `genericPlan`).
 */
function indefinitePlan(tokens: readonly Token[], cue: CueMatch): boolean {
  if (!cue.plan) return false;
  for (let i = cue.start - 1; i >= Math.max(0, cue.start - 1 - INDEFINITE_REACH); i--) {
    const t = tokens[i]!;
    if (INDEFINITE.has(t.lower)) return true;
    if (!t.isWord || t.capitalised || prepositions.has(t.lower) || determiners.has(t.lower)) return false;
  }
  return false;
}

const GOAL_NOUNS = new Set(wordLists.goalConditionNouns);
const GOAL_LINKS = new Set(wordLists.goalConditionLinks);
/**
 * "unless Ukraine agrees to his conditions for a ceasefire": the term that conditions are set for is their goal; what the
 * condition asks is the conditions, not the term.
 */
function goalOfTerms(tokens: readonly Token[], cue: CueMatch): boolean {
  let i = cue.start - 1;
  while (i >= 0 && determiners.has(tokens[i]!.lower)) i--;
  return i > 0 && GOAL_LINKS.has(tokens[i]!.lower) && GOAL_NOUNS.has(tokens[i - 1]!.lower);
}

const RESTRICTING_MARKERS = new Set(wordLists.restrictingMarkers);
/**
 * "Meaningful negotiations can only take place after a ceasefire", "elections can only be held after the war": the term a negative
 * condition restricts, the subject of its clause with no stance word of its own (annotation rule 5: it opposes it).
 * Not "will agree to a ceasefire only if ...", a stance word's conditional offer, nor a bare "only after" ("there could be
 * elections only after a ceasefire" says when, not that they are refused).
 */
function restrictedBefore(view: SentenceView, markerStart: number, markerEnd: number, limit: number): CueMatch[] {
  const { tokens, cues, active } = view;
  if (!RESTRICTING_MARKERS.has(tokenLower(tokens, markerStart, markerEnd))) return [];
  if (active.some((t) => t.start >= limit && t.start < markerStart)) return [];
  return cues.filter((c) => c.start >= limit && c.end <= markerStart && !c.plan && !c.negated
    && !tokens.slice(c.end, markerStart).some((t) => t.text === ',' || t.text === ';'));
}

/** How many words may stand between the condition's comma and the offer's modal ("..., we will", "..., the Kremlin would"). */
const FRONTED_OFFER_SUBJECT = 4;

/**
 * "As soon as Kyiv withdraws its troops and renounces NATO, we will immediately cease fire and begin talks": an offer whose
 * condition comes first. What the main clause's subject will do (the cues after "will"/"would") is what it offers: support
 * (codebook: an offer on a condition, as the "would ... if" order of `applyOffers`). What the condition asks is left to the
 * demand rules. A negated or hedged offer, or one whose cues a stance word reaches, is not read here.
 */
function applyFrontedOffer(view: SentenceView, conditionFrom: number): void {
  const { sentence, tokens, mentions, cues, ctx, findings, active } = view;
  let comma = conditionFrom;
  while (comma < tokens.length && tokens[comma]!.text !== ',') comma++;
  let modal = -1;
  for (let i = comma + 1; i < Math.min(tokens.length, comma + 1 + FRONTED_OFFER_SUBJECT); i++) if (modal < 0 && WOULD.has(tokens[i]!.stem)) modal = i;
  if (modal < 0 || isNegator(tokens[modal + 1] ?? tokens[modal]!) || negationBefore(tokens, modal + 1, true).hedged) return;
  let end = modal + 1;
  while (end < tokens.length && tokens[end]!.text !== ';' && !(tokens[end]!.lower === 'but' && tokens[end - 1]?.text === ',')) end++;
  const offered = cues.filter((c) => c.start > modal && c.end <= end && !c.plan && !c.negated && !active.some((t) => t.start > modal && t.start < c.start));
  if (offered.length === 0) return;
  const subject = subjectLeft(tokens, mentions, modal, comma + 1);
  const speaker = ctx.speakerAt(modal);
  const actors = Array.isArray(subject) ? actorsOf(subject) : subject === 'first-person' ? speaker?.actors ?? [] : [];
  for (const actor of actors) {
    if (!holdsInSpeech(speaker, actor, 'subject', tokens, modal)) continue;
    for (const cue of offered) addFinding(findings, sentence, actor, cue, 1, CONFIDENCE.condition, 'offer');
  }
}

const OFFER_VERBS = new Set(stanceLists.offerVerbs);

/** The nearest stance word between a condition's marker and a cue it asks for, in the cue's clause ("its refusal to join NATO"). */
function askingWord(view: SentenceView, from: number, cue: CueMatch): Trigger | undefined {
  let word: Trigger | undefined;
  // Every stance word, not only the active ones: in "announces its refusal to join NATO" the refusal is what is asked.
  for (const t of view.triggers) if (t.start >= from && t.end <= cue.start && view.clauses[t.start] === view.clauses[cue.start] && !t.hedged && (word === undefined || t.start > word.start)) word = t;
  return word;
}

/** The findings a stance word gave the side a condition is asked of, on what it asks, taken back (the offering side keeps its own). */
function withoutAskedSides(view: SentenceView, from: number, asked: readonly CueMatch[], offering: readonly string[]): void {
  const askedOf = new Set<string>();
  for (const m of view.mentions) if (m.actor !== undefined && m.start >= from && !offering.includes(m.actor)) askedOf.add(m.actor);
  const terms = new Set(asked.map((c) => c.term));
  takeBack(view, (f) => askedOf.has(f.actor) && terms.has(f.term) && f.rule.startsWith('trigger:'));
}

const offerConditions = new PhraseIndex<true>({ by: 'lower' });
for (const marker of wordLists.offerConditions!) offerConditions.add(marker, true);

/**
 * Offers on a condition: "Russia would cease fire and enter talks if Ukraine dropped its NATO
 * ambitions" is support for what is offered (before "if", after "would"/"will") and for what the
 * condition asks, by the side that offers (codebook: an offer of talks on a condition).
 */
export function applyOffers(view: SentenceView): void {
  const { sentence, tokens, mentions, cues, clauses, ctx, findings, question } = view;
  if (question) return;
  const markers = offerConditions.findAll(tokens);
  if (markers.length > 0 && markers[0]!.start <= 1) applyFrontedOffer(view, markers[0]!.end);
  for (const marker of markers) {
    const clause = clauses[marker.start];
    const limit = leftLimit(tokens, clauses, marker.start);
    let modal = -1;
    // "would agree to a ceasefire if ...", and the offer's own words: "has promised to order a ceasefire if ...", "is ready to begin talks as soon as ...".
    for (let i = marker.start - 1; i >= limit; i--) if (WOULD.has(tokens[i]!.stem) || OFFER_VERBS.has(tokens[i]!.lower)) modal = i;
    if (modal < 0 || negationBefore(tokens, modal + 1, true).negated || negationBefore(tokens, modal, true).negated || (tokens[modal + 1] !== undefined && isNegator(tokens[modal + 1]!))) continue;
    // "called once again", "once more": an adverb, not a condition.
    if (tokens[marker.start]!.lower === 'once' && (tokens[marker.end]?.lower === 'again' || tokens[marker.end]?.lower === 'more')) continue;
    // "would keep blocking accession talks if ...": a stance word before the term is the trigger rule's to read.
    const offered = cues.filter((c) => c.start > modal && c.end <= marker.start && !c.negated && !view.active.some((t) => t.start > modal && t.start < c.start));
    // "he would agree to a ceasefire and start peace talks if Ukraine ...": a stance word that backs the offer reads the offer
    // itself; what the condition asks is still offered for.
    const backed = offered.length === 0 && cues.some((c) => c.start > modal && c.end <= marker.start && !c.negated)
      && view.active.some((t) => t.start > modal && t.start < marker.start && t.polarity > 0 && !t.negated && !t.hedged)
      && !view.active.some((t) => t.start > modal && t.start < marker.start && (t.polarity < 0 || t.negated));
    if (offered.length === 0 && !backed) continue;
    // What the condition asks of a side: "if Ukraine dropped ...", not "if a deal were near".
    const askedOf = mentions.some((m) => m.actor !== undefined && m.start >= marker.end && m.start - marker.end <= 2);
    // After an offer's own verb only what a side is asked counts: "ready to hold elections as soon as a ceasefire makes a vote safe" says when.
    const offerVerb = OFFER_VERBS.has(tokens[modal]!.lower);
    // "... if it is given security guarantees": a provision the condition asks for is demanded by whoever names it, a side or not.
    const asked = cues.filter((c) => c.start >= marker.end && clauses[c.start] === clause && !tokens.slice(marker.end, c.start).some((t) => t.text === ';')
      && (askedOf || (!offerVerb && !c.plan && !view.processTerms.has(c.term))));
    const subject = subjectLeft(tokens, mentions, modal, limit);
    const speaker = ctx.speakerAt(modal);
    const actors = Array.isArray(subject) ? actorsOf(subject) : subject === 'first-person' ? speaker?.actors ?? [] : [];
    for (const actor of actors) {
      if (!holdsInSpeech(speaker, actor, 'subject', tokens, modal)) continue;
      for (const cue of offered) addFinding(findings, sentence, actor, cue, 1, CONFIDENCE.condition, 'offer');
      // "as soon as Ukraine announces ... its refusal to join NATO": a stance word inside the condition points what is asked.
      for (const cue of asked) {
        const word = askingWord(view, marker.end, cue);
        addFinding(findings, sentence, actor, cue, word ? word.polarity * (word.negated ? -1 : 1) : 1, CONFIDENCE.condition, 'offer', word);
      }
    }
    // What the condition asks of a side is not that side's stance ("... its refusal to join NATO" is no Ukrainian refusal).
    if (askedOf && asked.length > 0) withoutAskedSides(view, marker.end, asked, actors);
  }
}

const EFFORT_NOUNS = new Set(wordLists.peaceEffortNouns);
const PEACE_GOALS = new Set(wordLists.peaceEffortGoals);
/** How far after "efforts to" the goal ("peace", "the war") may stand. */
const PEACE_GOAL_REACH = 8;
/** "the continued US diplomatic efforts", "the U.S.-led push": words between the side and the effort noun. */
const EFFORT_MODIFIERS = new Set(stanceLists.effortModifiers);
/** "is making a push to end the war", "stepped up its efforts": the verbs whose subject owns the effort after them. */
const EFFORT_VERBS = new Set(stanceLists.effortVerbs);
/** How many words may stand between the side and the effort noun (modifiers, or a verb and its determiner). */
const EFFORT_REACH = 5;
/** "his view of US efforts", "one of the key elements of US efforts": nouns whose "of" makes the efforts a topic. */
const TOPIC_HEADS = new Set(stanceLists.effortTopicHeads);
/** How far before the side the word that welcomes its efforts may stand ("welcomed the continued US efforts"). */
const WELCOME_REACH = 3;

/** "will be held", "is scheduled", "could start": a round of talks announced, not held (`stanceLists.scheduledTalks`). */
const SCHEDULED_TALKS = stanceLists.scheduledTalks!.map((phrase) => phrase.split(' '));
/** How far after "talks between" the announcing verb may stand ("between Ukraine, the United States and Russia will be held"). */
const SCHEDULED_TALKS_REACH = 14;

/** "upcoming", "ahead of": the talks named next lie ahead (`stanceLists.prospectiveTalks`). */
const PROSPECTIVE_TALKS = new Set(stanceLists.prospectiveTalks);

/** How far before the talks a word saying they lie ahead may stand ("ahead of a vital summit"). */
const PROSPECTIVE_REACH = 4;

function prospective(view: SentenceView, start: number): boolean {
  for (let i = start - 1; i >= Math.max(0, start - PROSPECTIVE_REACH); i--) {
    if (view.clauses[i] !== view.clauses[start]) return false;
    if (PROSPECTIVE_TALKS.has(view.tokens[i]!.lower)) return true;
  }
  return false;
}

/** "between" right after the talks, or after a short place ("a summit in Alaska between"); -1 when there is none. */
function betweenAfter(tokens: readonly Token[], end: number): number {
  if (tokens[end]?.lower === 'between') return end;
  if (tokens[end]?.lower !== 'in' && tokens[end]?.lower !== 'at') return -1;
  for (let i = end + 1; i <= end + 3 && i < tokens.length; i++) {
    if (tokens[i]!.lower === 'between') return i;
    if (!tokens[i]!.capitalised) return -1;
  }
  return -1;
}

/** Where an announcing phrase ("will be held") starts at or after `from` in the clause, within reach; -1 when none does. */
function scheduledAt(view: SentenceView, from: number): number {
  const { tokens, clauses } = view;
  for (let i = from; i < Math.min(tokens.length, from + SCHEDULED_TALKS_REACH); i++) {
    if (clauses[i] !== clauses[from]) return -1;
    if (SCHEDULED_TALKS.some((words) => words.every((w, k) => tokens[i + k]?.lower === w))) return i;
  }
  return -1;
}

/**
 * "The next round of talks between Ukraine, the United States and Russia will be held on Friday", "talks between Moscow and
 * Kyiv could start next week": a round announced between the sides, across the table (one of them Russia), is talks each
 * named side backs (as "Putin will meet Witkoff" is, `applyMeetingActs`). A round held or ended gives nothing (rn242's
 * decision); negated, hedged or conditional announcements give nothing. Work is per talks cue followed by "between".
 */
function applyScheduledTalks(view: SentenceView): void {
  const { sentence, tokens, mentions, cues, findings } = view;
  for (const cue of cues) {
    if (!view.processTerms.has(cue.term) || cue.negated) continue;
    const between = betweenAfter(tokens, cue.end);
    if (between < 0) continue;
    let at = scheduledAt(view, between + 1);
    // "ahead of a summit in Alaska between Trump and Putin", "the upcoming talks between": the talks lie ahead.
    if (at < 0 && prospective(view, cue.start)) at = cue.start;
    if (at < 0 || prescribed(view, at) || conditional(view, at) || doubted(view, at)) continue;
    if (tokens.slice(cue.end, at + 3).some((t) => isNegator(t))) continue;
    const parties = new Set<string>();
    const partiesEnd = at > between ? at : between + SCHEDULED_TALKS_REACH;
    for (const m of mentions) if (m.start > between && m.end <= partiesEnd && m.actor !== undefined && view.clauses[m.start] === view.clauses[between]) parties.add(m.actor);
    if (!acrossTheTable(view, parties)) continue;
    for (const actor of parties) findings.push({ actor, term: cue.term, polarity: 1, confidence: CONFIDENCE.act, sentence, cue: `${cue.text} between … ${tokens[at]!.text}`, rule: 'act:scheduled-talks' });
  }
}

/**
 * "welcomed Trump's efforts to achieve a just and lasting peace", "Erdogan's push to end the war", "US efforts to end the
 * war", "the U.S.-led diplomatic push to broker a peace deal", "the administration is making a new push to end the war": a
 * side's efforts to make peace are its initiative to negotiate (annotation rule 6), whoever reports them, and a side that
 * welcomes or appreciates them backs the talks too ("They welcomed the continued US efforts to bring peace"). The process
 * term (talks) is the one credited; a question or a doubt about the efforts gives nothing. Work is per mention.
 * The other initiatives to talk, an announced meeting (`applyMeetingActs`) and a round announced between the sides
 * (`applyScheduledTalks`), are read here too, so the rules run in one place.
 */
export function applyPeaceEfforts(view: SentenceView): void {
  const { sentence, tokens, mentions, findings, question } = view;
  if (question) return;
  applyMeetingActs(view);
  applyScheduledTalks(view);
  const talks = processTermOf(view);
  if (talks === undefined) return;
  // "The talks were chaired by Turkish Foreign Minister Hakan Fidan": the host backs the talks (rules/talk-agents.ts).
  for (const k of talkAgentMentions(tokens, mentions)) {
    for (const actor of actorsOf(coordinatedRight(tokens, mentions, k))) {
      findings.push({ actor, term: talks.term, polarity: 1, confidence: CONFIDENCE.act, sentence, cue: `${tokenText(tokens, mentions[k]!.start - 2, mentions[k]!.start)}`, rule: 'act:talk-agent' });
    }
  }
  const credited = new Set<string>();
  for (const m of mentions) {
    if (m.actor === undefined || m.kind === 'first-person') continue;
    const at = effortAfter(tokens, m);
    if (at < 0 || negationBefore(tokens, m.start, true).negated || topicBefore(tokens, m.start)) continue;
    const cue = `${tokens[at]!.text} to … peace`;
    if (!credited.has(m.actor)) findings.push({ actor: m.actor, term: talks.term, polarity: 1, confidence: CONFIDENCE.act, sentence, cue, rule: 'act:peace-effort' });
    credited.add(m.actor);
    for (const actor of welcomersOf(view, m)) {
      if (credited.has(actor)) continue;
      credited.add(actor);
      findings.push({ actor, term: talks.term, polarity: 1, confidence: CONFIDENCE.act, sentence, cue: `welcomed … ${cue}`, rule: 'act:peace-effort-welcomed' });
    }
  }
}

/** The effort noun a side owns right after its mention ("Trump's push", "US efforts", "is making a push"), with a peace goal after "to"; or -1. */
function effortAfter(tokens: readonly Token[], m: Mention): number {
  let i = tokens[m.end]?.text === "'s" ? m.end + 1 : m.end;
  let verb = false;
  let auxiliary = false;
  const subject = !m.possessive && m.oblique === undefined;
  for (let k = 0; k <= EFFORT_REACH && i < tokens.length; k++, i++) {
    const t = tokens[i]!;
    if (t.text === '"' || t.text === "'") continue;
    if (EFFORT_NOUNS.has(t.lower)) break;
    // A verb of making the effort: its subject is the side only when the mention is a subject (not "possessive", not an object).
    if (subject && EFFORT_VERBS.has(t.lower)) { verb = true; continue; }
    if (subject && !verb && (copulas.has(t.lower) || actionAuxiliaries.has(t.lower))) { auxiliary = true; continue; }
    if (!EFFORT_MODIFIERS.has(t.lower) && !(verb && determiners.has(t.lower))) return -1;
  }
  if (auxiliary && !verb) return -1;
  if (!EFFORT_NOUNS.has(tokens[i]?.lower ?? '') || tokens[i + 1]?.lower !== 'to') return -1;
  // "efforts to reunite families separated by war": the goal is what the infinitive aims at, not what an agent phrase names.
  for (let j = i + 2; j < Math.min(tokens.length, i + 2 + PEACE_GOAL_REACH) && tokens[j]!.lower !== 'by'; j++) if (PEACE_GOALS.has(tokens[j]!.lower)) return i;
  return -1;
}

/** "asked about US efforts", "his view of US efforts": efforts that are talked about, not reported as made. */
function topicBefore(tokens: readonly Token[], at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (determiners.has(tokens[i]!.lower) || EFFORT_MODIFIERS.has(tokens[i]!.lower))) i--;
  return i >= 0 && (TOPIC_PREPOSITIONS.has(tokens[i]!.lower) || (tokens[i]!.lower === 'of' && tokens[i - 1] !== undefined && TOPIC_HEADS.has(tokens[i - 1]!.lower)));
}

/** The holders of a support word just before a side's efforts ("welcomed the continued US efforts", "appreciation for US efforts"). */
function welcomersOf(view: SentenceView, m: Mention): string[] {
  const { tokens, active, ctx } = view;
  const trigger = active.find((t) => t.polarity === 1 && !t.negated && !t.hedged && (t.cls === 'verb' || t.cls === 'noun' || t.cls === 'evaluative')
    && t.end <= m.start && m.start - t.end <= WELCOME_REACH
    && tokens.slice(t.end, m.start).every((x) => determiners.has(x.lower) || EFFORT_MODIFIERS.has(x.lower) || x.lower === 'for' || x.lower === 'of'));
  if (trigger === undefined) return [];
  const holders = findHolders(ctx, trigger, grammar.agentPrepositions[trigger.cls]);
  if (!holders) return [];
  const speaker = ctx.speakerAt(trigger.start);
  return holders.actors.filter((actor) => actor !== m.actor && holdsInSpeech(speaker, actor, holders.source, tokens, trigger.start, trigger.cls));
}

/** The tracker's process term (talks, `process: true`), or none when the tracker has no such term. */
function processTermOf(view: SentenceView): { term: string } | undefined {
  const first = view.processTerms.values().next();
  return first.done ? undefined : { term: first.value };
}

/** The sides named as having shaped a plan this sentence names (attribution's planCoAuthors) support it (family 'plans'). */
export function creditCoAuthors(view: SentenceView): void {
  const plans = view.cues.filter((c) => c.plan && c.polarity > 0 && !c.negated);
  if (plans.length === 0) return;
  for (const { actors, plan } of planCoAuthors(view.tokens, view.mentions, plans)) {
    for (const actor of actors) addFinding(view.findings, view.sentence, actor, plans[plan]!, 1, CONFIDENCE.planAuthor, 'plan-coauthor');
  }
}

/** Plans: the author supports the plan and what it contains ("Trump's plan would cap the army"). */
export function applyPlans(view: SentenceView, memory: Memory): void {
  const { sentence, tokens, mentions, cues, findings } = view;
  const planCues = cues.filter((c) => c.plan && !anotherDeal(view, memory, c));
  let content = false;
  let author: string[] | undefined;
  const authors: Array<{ at: number; actors: string[] }> = [];
  let authoredHere = false;
  let contentFrom = -1;
  for (const plan of planCues) {
    const bySubject = authorSubject(view, plan);
    if (bySubject.length > 0) authoredHere = true;
    const named = planAuthorsOf(tokens, mentions, plan, view.topicNames);
    const workedOn = named.length === 0 && bySubject.length === 0 ? workedOnSubject(view, plan) : [];
    if (workedOn.length > 0) authoredHere = true;
    const explicit = named.concat(...bySubject, ...workedOn, ...demonymAuthor(view, plan));
    // "Putin's proposal", "Moscow's proposal", "Russian proposals": the other side's own terms are another plan, not the
    // US-brokered one; what they contain is still that side's (a demand), but nobody backs or rejects the plan by them.
    // "the Kremlin-Witkoff-Kushner proposal": the sides its name lists after the first (the mention's `others`) are authors too.
    if (explicit.length > 0 && ownTerms(view.counterparties, explicit.concat(namedCoAuthors(mentions, plan)), memory)) {
      withoutPlanStances(view, plan);
      memory.ownTermsSentence = sentence.index;
      memory.ownTermsWord = tokens[plan.end - 1]!.stem;
      author = explicit;
      authors.push({ at: plan.start, actors: explicit });
      memory.planAuthor = explicit;
    } else if (explicit.length === 0 && sentence.index > memory.ownTermsSentence && sentence.index - memory.ownTermsSentence <= OWN_TERMS_REACH
      && memory.planSentence <= memory.ownTermsSentence && tokens[plan.end - 1]!.stem === memory.ownTermsWord) {
      // "Ukraine dismissed Putin's proposal." then "The proposal has been dismissed by Ukraine": the same terms, by the same word
      // in a later sentence ("Moscow's counter-proposal rejects the plan": the plan there is the one on the table).
      withoutPlanStances(view, plan);
      memory.ownTermsSentence = sentence.index;
    } else if (explicit.length > 0) {
      // "Washington and Moscow worked together on the draft." then "Here is Trump's proposal:": one of the plan's authors names
      // the same plan, whose co-authors stay its authors (annotation rule 1: they hold every content listed).
      const same = memory.planAuthor !== undefined && explicit.every((a) => memory.planAuthor!.includes(a));
      const holders = same ? memory.planAuthor! : explicit;
      author = holders;
      authors.push({ at: plan.start, actors: holders });
      memory.planAuthor = holders;
      for (const actor of explicit) addFinding(findings, sentence, actor, plan, 1, CONFIDENCE.planAuthor, 'plan-author');
    }
    const after = tokens.slice(plan.end, Math.min(tokens.length, plan.end + 14));
    const markerAt = planMarkers.findAll(after)[0]?.start ?? -1;
    // "the plan fails to address concerns, including ...": what a plan lacks is not what it contains.
    const lacking = markerAt >= 0 && after.slice(0, markerAt).some((t, k) => t.lower === 'not' || t.lower === 'never' || t.lower.endsWith("n't") || t.stem === 'fail' || t.stem === 'lack'
      // "discussed the plan with Trump, and both leaders agreed that ... would": another clause's "would".
      || (t.text === ',' && after[k + 1]?.lower === 'and') || (t.lower === 'that' && k > 0));
    const marker = (markerAt >= 0 && !lacking) || tokens[plan.start - 1]?.lower === 'under' || tokens[plan.start - 2]?.lower === 'under';
    if (marker) content = true;
    if (markerAt >= 0 && !lacking && contentFrom < 0) contentFrom = plan.end + planMarkers.findAll(after)[0]!.end;
  }
  // "US-backed ceasefire proposals", "a U.S. proposal for an immediate ceasefire": the side behind a proposal of a term supports that term.
  for (const cue of cues) {
    if (cue.plan) continue;
    for (const m of mentions) {
      if (m.actor === undefined) continue;
      const backed = (m.kind === 'compound' && m.end <= cue.start && (cue.start - m.end <= 1 || modifiersOnly(tokens, m.end, cue.start)))
        || dottedAuthorBefore(tokens, m, cue);
      const proposalAt = tokens[m.end]?.text === "'s" ? m.end + 1 : m.end;
      const owner = m.modifier || m.kind === 'compound' || m.possessive || (m.kind === 'name' && m.oblique === undefined && determiners.has(tokens[m.start - 1]?.lower ?? ''));
      const proposal = !backed && owner && proposalNouns.has(tokens[proposalAt]?.lower ?? '')
        && (tokens[proposalAt + 1]?.lower === 'for' || tokens[proposalAt + 1]?.lower === 'of') && cue.start > proposalAt
        && tokens.slice(proposalAt + 2, cue.start).filter((t) => t.isWord).length <= 4;
      if (backed || proposal) addFinding(findings, sentence, m.actor, cue, 1, CONFIDENCE.planAuthor, 'proposal-author');
    }
  }
  // "That initial version outlined concessions ...", "The document also envisages ...": the plan named just before, by another name.
  const anaphorAt = planCues.length === 0 && memory.planAuthor !== undefined && sentence.index - memory.planSentence <= PLAN_ANAPHOR_REACH
    ? planAnaphorContentAt(tokens) : -1;
  if (anaphorAt >= 0) content = true;
  if (planCues.length > 0 && (author !== undefined || memory.planAuthor !== undefined)) memory.planSentence = sentence.index;
  // A clause-by-clause summary runs over several short paragraphs ("Sanctions. Sanctions would be lifted..."):
  // the next paragraph goes on with the contents while it keeps to "would" and nobody else is quoted.
  const gap = sentence.paragraph - memory.planParagraph;
  const lists = !view.off.has('plan-lists');
  const listItem = memory.planList && gap >= 0 && gap <= 1 && (isListItem(tokens) || (lists && numberedItem(view, memory, gap)));
  if (lists && isItemNumber(tokens)) memory.itemNumber = { index: sentence.index, paragraph: sentence.paragraph };
  const continues = !content && memory.planParagraph >= 0 && (listItem || (tokens.some((t) => WOULD.has(t.stem))
    && (gap === 0 || (gap === 1 && !reportedIn(view)))));
  const lastColon = tokens[tokens.length - 1]?.text === ':';
  const contents: CueMatch[] = [];
  // "8. NATO agrees not to station troops in Ukraine": an item of a plan's text is a provision, not its subject's stance.
  if (lists && listItem) withoutProvisionSubjects(view, author ?? memory.planAuthor ?? []);
  // "the plan involves Ukraine making concessions, including pledging not to join NATO": what the plan asks of a side is not its stance.
  else if (contentFrom >= 0 && (author !== undefined || memory.planAuthor !== undefined)) withoutPlanPatients(view, contentFrom, author ?? memory.planAuthor ?? []);
  // "5. The United States, NATO and European nations will provide mutual defence guarantees": a numbered point that goes on
  // from a plan the document named, even with no author known, is the plan's provision.
  else if (lists && numberedPlanPoint(view, memory)) withoutProvisionSubjects(view, author ?? memory.planAuthor ?? []);
  if (planCues.length > 0) memory.planNamedSentence = sentence.index;
  // "If Russia invades again, all sanctions will be reinstated": what a plan does only on a breach is no stance on the term.
  const provisional = lists && (listItem || memory.planList) && conditionalProvision(tokens);
  if ((content || continues) && !provisional) {
    const firstPlan = planCues[0]?.start ?? 0;
    // "If Ukraine launches a missile at Moscow, the guarantee will be void": what the opening condition names is not provided.
    const conditionEnd = conditionalProvision(tokens) ? tokens.findIndex((t) => t.text === ',') : -1;
    for (const cue of cues) {
      if (cue.start < conditionEnd) continue;
      // "a plan developed during US-Ukraine negotiations": the talks are how a plan is made, not what it provides.
      if (cue.plan || view.processTerms.has(cue.term) || (content && cue.start < firstPlan) || cue.start < anaphorAt) continue;
      // "Zelensky's roadmap contrasts with the U.S.-drafted plan, which required ...": the nearest plan before the content is its source.
      const nearest = authors.filter((x) => x.at < cue.start).pop();
      // No `?? []`: an empty literal is another array shape, met late, that deoptimises this loop.
      const holders = nearest?.actors ?? author ?? memory.planAuthor;
      if (holders && demandedByOther(view, cue, holders)) continue;
      if (holders) for (const who of holders) addFinding(findings, sentence, who, cue, 1, CONFIDENCE.planContent, 'plan-content');
      contents.push(cue);
    }
    memory.planParagraph = sentence.paragraph;
    // "the agreement would require Ukraine to:" opens a list of contents.
    memory.planList = lastColon || listItem;
  } else if (provisional) {
    memory.planParagraph = sentence.paragraph;
  } else if (authoredHere) {
    // "Zelensky has outlined a 20-point framework." The sentences after it that keep to "will"/"would" set out its contents.
    memory.planParagraph = sentence.paragraph;
    memory.planList = tokens[tokens.length - 1]?.text === ':';
  } else if (lists && (lastColon || planHeading(tokens, planCues)) && planCues.length > 0 && (author !== undefined || memory.planAuthor !== undefined)) {
    // "Here is Trump's proposal, verbatim:", "The plan's 28 points:": the numbered or bulleted items after it are its contents.
    memory.planParagraph = sentence.paragraph;
    memory.planList = true;
  } else if (planCues.length > 0 || sentence.paragraph - memory.planParagraph > 1) {
    memory.planParagraph = -1;
    memory.planList = false;
  } else {
    memory.planList = false;
  }
  rememberOtherDeal(view, memory, planCues);
  if (!view.off.has('provision-runs')) {
    const credited = content || continues || provisional;
    creditProvisions(view, memory, () => credited || conditionalProvision(tokens) ? [] : cues.filter((c) => !c.plan && !view.processTerms.has(c.term)));
  }
  if (!view.off.has('plan-rejection')) opposeRejectedContents(view, memory, planCues, contents);
}

/**
 * A run of paragraphs written as a plan's provisions (rules/provisions.ts) credits their contents to the plan's authors, and
 * takes back what a stance word or act gave the sides they name ("NATO agrees not to station troops in Ukraine").
 */
function creditProvisions(view: SentenceView, memory: Memory, open: () => CueMatch[]): void {
  const { sentence, tokens, findings, question } = view;
  const step = followProvisions(memory.provisions, sentence, tokens, memory.planAuthor, memory.planSentence === sentence.index,
    () => isProvision(tokens, question, () => reportedIn(view)), open);
  if (step === undefined) return;
  withoutSubjectsOf(findings, step.credit.map((c) => c.sentence), step.authors);
  for (const { sentence: at, cues } of step.credit) {
    for (const cue of cues) for (const who of step.authors) addFinding(findings, at, who, cue, 1, CONFIDENCE.planContent, 'provision');
  }
}

const DEAL_NOUNS = new Set(stanceLists.dealNouns);
const DEFINITE_DEAL = new Set(stanceLists.definiteDeal);
/** How many sentences after another deal was named "the deal" may still be that one. */
const OTHER_DEAL_REACH = 8;

/**
 * Deal identity: "Russia, Ukraine and the US agreed to a ceasefire deal in the Black Sea." ... "The two sides are still working
 * out the details of the deal": a deal named by another term ("a ceasefire deal") is what a bare "the deal" then names, until
 * the plan is named with its author (or by a side's name: "the US deal"). Such a plan cue is taken out of the plan rules, and
 * the stances on it are taken back. Work is per bare plan cue.
 */
function anotherDeal(view: SentenceView, memory: Memory, plan: CueMatch): boolean {
  const { tokens, sentence } = view;
  if (plan.end - plan.start !== 1 || !DEAL_NOUNS.has(tokens[plan.start]!.lower) || !DEFINITE_DEAL.has(tokens[plan.start - 1]?.lower ?? '')) return false;
  // The plan named since (with its author; a side's own terms are not it) is what "the deal" names again.
  if (sentence.index - memory.otherDealSentence > OTHER_DEAL_REACH || (memory.planSentence > memory.otherDealSentence && memory.planSentence !== memory.ownTermsSentence)) return false;
  if (view.mentions.some((m) => m.actor !== undefined && (m.possessive || m.modifier) && m.end >= plan.start - 3 && m.end <= plan.start)) return false;
  withoutPlanStances(view, plan);
  memory.otherDealSentence = sentence.index;
  return true;
}

/**
 * "agreed to a tentative ceasefire deal": this sentence names a deal of another term (`anotherDeal`), and it is the document's
 * first deal (no plan with a known author before it: after the plan, "the deal" is the plan again). Work is per cue.
 */
function rememberOtherDeal(view: SentenceView, memory: Memory, planCues: readonly CueMatch[]): void {
  const { tokens, cues, sentence } = view;
  if (planCues.length > 0 || (memory.planAuthor !== undefined && memory.planSentence !== memory.ownTermsSentence)) return;
  for (const c of cues) {
    if (c.plan || !DEAL_NOUNS.has(tokens[c.end]?.lower ?? '')) continue;
    memory.otherDealSentence = sentence.index;
    return;
  }
}

/**
 * Whether a plan whose named authors are `explicit` is a side's own terms (the tracker's counterparties: the side the plan is
 * negotiated with) rather than the plan on the table: only such sides author it, and it is not the plan the document already
 * gave to them with others ("drafted by Witkoff and Dmitriev" ... "Moscow's plan").
 */
function ownTerms(counterparties: ReadonlySet<string>, explicit: readonly string[], memory: Memory): boolean {
  if (!explicit.every((a) => counterparties.has(a))) return false;
  const before = memory.planAuthor;
  return !(before !== undefined && before.some((a) => !counterparties.has(a)) && explicit.every((a) => before.includes(a)));
}

/** The stances this sentence's stance words gave on the plan by the name `plan` ("Ukraine dismissed Putin's proposal"), taken back. */
function withoutPlanStances(view: SentenceView, plan: CueMatch): void {
  takeBack(view, (f) => f.term === plan.term && f.cue.endsWith(plan.text) && byWordOrAct(f));
}

/** withoutProvisionSubjects for sentences already read (in text order): the findings before the first of them are older. */
function withoutSubjectsOf(findings: Finding[], sentences: readonly Sentence[], authors: readonly string[]): void {
  const first = sentences[0]!.index;
  for (let k = findings.length - 1; k >= 0; k--) {
    const f = findings[k]!;
    if (f.sentence.index < first) break;
    if (sentences.includes(f.sentence) && byWordOrAct(f) && !authors.includes(f.actor)) findings.splice(k, 1);
  }
}

/**
 * "Kyiv rejected the plan, which would require it to cede Donbas", "The plan would cap the army. Kyiv rejected it":
 * a side that opposes a plan whose contents this sentence or the last one lists opposes each of them (annotation
 * rule 4). Not the plan's own authors, and only opposition a stance word gave.
 */
function opposeRejectedContents(view: SentenceView, memory: Memory, planCues: readonly CueMatch[], contents: readonly CueMatch[]): void {
  const { sentence, findings } = view;
  const listed = contents.length > 0 ? contents : memory.lastContents.index === sentence.index - 1 ? memory.lastContents.cues : [];
  if (contents.length > 0) memory.lastContents = { cues: [...contents], index: sentence.index };
  const authors = new Set(memory.planAuthor ?? []);
  const rejecters = new Set<string>();
  if (planCues.length > 0) {
    const planTerm = planCues[0]!.term;
    for (let k = findings.length - 1; k >= 0; k--) {
      const f = findings[k]!;
      if (f.sentence !== sentence) break;
      if (f.term === planTerm && f.polarity < 0 && f.rule.startsWith('trigger:') && !authors.has(f.actor)) rejecters.add(f.actor);
    }
  }
  for (const actor of rejecters) for (const cue of listed) addFinding(findings, sentence, actor, cue, -1, CONFIDENCE.planContent, 'plan-rejected');
  opposeBeforeContents(view, memory, rejecters, contents, authors);
}

/** How many sentences after a side opposed the plan its contents may still be listed ("The plan sparked concern in Kyiv. It would ..."). */
const REJECTION_REACH = 2;

/**
 * Annotation rule 4 the other way round: "The plan, introduced by Washington, sparked concern in Kyiv." then "The proposal
 * requires Ukraine to cede territory": a side that opposed the plan in the last sentences opposes the contents listed after.
 */
function opposeBeforeContents(view: SentenceView, memory: Memory, rejecters: ReadonlySet<string>, contents: readonly CueMatch[], authors: ReadonlySet<string>): void {
  const { sentence, findings } = view;
  // "Moscow will not accept the European proposal." then "Trump's plan would ...": another author's plan was rejected.
  const author = (memory.planAuthor ?? []).join(' ');
  if (contents.length > 0 && sentence.index - memory.rejecters.index <= REJECTION_REACH && memory.rejecters.author === author) {
    for (const actor of memory.rejecters.actors) {
      if (rejecters.has(actor) || authors.has(actor)) continue;
      for (const cue of contents) addFinding(findings, sentence, actor, cue, -1, CONFIDENCE.planContent, 'plan-rejected');
    }
  }
  if (rejecters.size > 0) memory.rejecters = { actors: new Set(rejecters), index: sentence.index, author };
}

const AUTHORING_VERBS = stemSet(wordLists.authoringVerbs!);
const AUTHORING_PARTICLES = new Set(wordLists.authoringParticles);
const WORK_ON_VERBS = stemSet(stanceLists.workOnVerbs!);
const WORK_ON_ADVERBS = new Set(stanceLists.workOnAdverbs);
/** How many sentences after a side's own terms were named "the proposal" still names them. */
const OWN_TERMS_REACH = 2;
const COUNTER_WORDS = new Set(grammar.counterWords);

/**
 * "Zelensky has outlined a 20-point framework", "the US presented a draft plan": the subject of a
 * verb of authorship whose object is the plan wrote it, so what the plan then "will" or "would" do
 * is that side's (plan contents). Only a plan right after the verb (determiners, numbers, modifiers
 * between), in a clause that states it (not a question, a condition or a prescription).
 */
function authorSubject(view: SentenceView, plan: CueMatch): string[] {
  const { tokens, mentions, clauses, question } = view;
  if (question) return [];
  for (let i = plan.start - 1; i >= Math.max(0, plan.start - 5); i--) {
    const t = tokens[i]!;
    // "he put forth several peace proposals", "Putin put forward a plan": the particle's verb authors it.
    if (AUTHORING_PARTICLES.has(t.lower) && tokens[i - 1]?.lower === 'put') {
      if (negationBefore(tokens, i - 1, true).negated || negationBefore(tokens, i - 1, true).hedged || conditional(view, i - 1) || prescribed(view, i - 1)) return [];
      const subject = subjectLeft(tokens, mentions, i - 1, leftLimit(tokens, clauses, i - 1));
      return Array.isArray(subject) ? actorsOf(subject) : [];
    }
    // "officials had been meeting for weeks, crafting a 28-point proposal": a participle after a comma has the clause's subject.
    if (AUTHORING_VERBS.has(t.stem) && !t.capitalised && (/(ed|s)$/.test(t.lower) || (/ing$/.test(t.lower) && tokens[i - 1]?.text === ','))) {
      if (negationBefore(tokens, i, true).negated || negationBefore(tokens, i, true).hedged || conditional(view, i) || prescribed(view, i)) return [];
      const subject = subjectLeft(tokens, mentions, i, leftLimit(tokens, clauses, i));
      return Array.isArray(subject) ? actorsOf(subject) : [];
    }
    // Only the plan's own modifiers between ("a new 20-point draft"): not "its response to the plan".
    if (!(determiners.has(t.lower) || t.text === '-' || /^\d/.test(t.text) || (t.isWord && !t.capitalised && !/(ed|s)$/.test(t.lower)
      && !prepositions.has(t.lower) && !COUNTER_WORDS.has(t.lower)))) return [];
  }
  return [];
}

/** Where the verb of "worked (together) on" stands before its "on" at `on`, or -1: a finite or progressive form, at most one adverb (quoted or not) between. */
function workOnVerbAt(tokens: readonly Token[], on: number): number {
  let i = on - 1;
  while (i >= 0 && on - i <= 3 && (tokens[i]!.text === '"' || tokens[i]!.text === "'" || WORK_ON_ADVERBS.has(tokens[i]!.lower))) i--;
  const verb = tokens[i];
  return verb !== undefined && WORK_ON_VERBS.has(verb.stem) && /(ed|s|ing)$/.test(verb.lower) && !verb.capitalised ? i : -1;
}

/**
 * "Washington and Moscow worked together on the draft", "Witkoff had been quietly working on the plan": working on a plan
 * shapes it (annotation rule 1), so the subject is an author; not when the sentence names who wrote it ("worked on a draft
 * prepared by Trump's team": the side studies another's plan), which the caller checks first.
 */
function workedOnSubject(view: SentenceView, plan: CueMatch): string[] {
  const { tokens, mentions, clauses, question } = view;
  if (question) return [];
  let on = plan.start - 1;
  while (on >= 0 && plan.start - on <= 4 && tokens[on]!.lower !== 'on' && (determiners.has(tokens[on]!.lower) || tokens[on]!.text === '-' || /^\d/.test(tokens[on]!.text)
    || (tokens[on]!.isWord && !tokens[on]!.capitalised && !prepositions.has(tokens[on]!.lower)))) on--;
  if (tokens[on]?.lower !== 'on') return [];
  const verbAt = workOnVerbAt(tokens, on);
  if (verbAt < 0) return [];
  const negation = negationBefore(tokens, verbAt, true);
  if (negation.negated || negation.hedged || conditional(view, verbAt) || prescribed(view, verbAt)) return [];
  const subject = subjectLeft(tokens, mentions, verbAt, leftLimit(tokens, clauses, verbAt));
  return Array.isArray(subject) ? actorsOf(subject) : [];
}

const BULLETS = new Set(['\u2022', '-', '*', '\u2014', '\u25AA', '\u25CF', '\u00B7']);
/** "• recognition of Crimea", "withdraw its troops from Donbas;": an item of a list, not a new statement. */
function isListItem(tokens: readonly Token[]): boolean {
  const first = tokens[0];
  if (!first) return false;
  if (BULLETS.has(first.text) || /^\d+[.)]?$/.test(first.text)) return true;
  const last = tokens[tokens.length - 1]!.text;
  return (first.isWord && !first.capitalised) || last === ';';
}

const HEADING_CONTENT_NOUNS = new Set(stanceLists.planHeadingNouns);
/** How many tokens a heading may have ("The content of the 20-point peace plan"). */
const HEADING_MAX_TOKENS = 12;

/**
 * "The content of the 20-point peace plan", "Key points of the plan": a heading without a colon that names a plan's contents
 * opens the bulleted items under it, as "The plan's 28 points:" does. A heading ends without a full stop.
 */
function planHeading(tokens: readonly Token[], planCues: readonly CueMatch[]): boolean {
  if (planCues.length === 0 || tokens.length > HEADING_MAX_TOKENS || !tokens[tokens.length - 1]!.isWord) return false;
  return tokens.some((t, i) => i < planCues[0]!.start && HEADING_CONTENT_NOUNS.has(t.lower));
}

/** "1.", "12)", "a.": a sentence that is only the number or letter of the item that follows. */
function isItemNumber(tokens: readonly Token[]): boolean {
  if (tokens.length === 0 || tokens.length > 2) return false;
  const first = tokens[0]!.text;
  if (!/^(\d{1,2}|[a-z])$/.test(first)) return false;
  return tokens.length === 1 || tokens[1]!.text === '.' || tokens[1]!.text === ')';
}

/**
 * Whether this sentence is an item of a numbered list whose number stood alone ("1." then "Ukraine's sovereignty will be
 * confirmed."), or goes on in the paragraph of such an item.
 */
function numberedItem(view: SentenceView, memory: Memory, gap: number): boolean {
  const { sentence } = view;
  // The number on its own line ("1.\nUkraine's sovereignty ...") or before the item on the same line.
  if (memory.itemNumber.index === sentence.index - 1) return true;
  return gap === 0 && memory.itemNumber.paragraph >= sentence.paragraph - 1;
}

const OTHER_DEMAND_NOUNS = new Set(stanceLists.otherDemandNouns);

/**
 * "the proposal includes a free economic zone floated by US negotiators and a Russian demand for a demilitarized zone": a
 * content another side demands ("a Russian demand for", "Moscow's call for") is that side's, not the plan author's.
 */
function demandedByOther(view: SentenceView, cue: CueMatch, holders: readonly string[]): boolean {
  const { tokens, mentions } = view;
  let i = cue.start - 1;
  while (i >= 0 && (determiners.has(tokens[i]!.lower) || tokens[i]!.text === '"')) i--;
  if (tokens[i]?.lower !== 'for' || !OTHER_DEMAND_NOUNS.has(tokens[i - 1]?.lower ?? '')) return false;
  const noun = i - 1;
  // "Moscow's call for", "a Russian demand for" (a demonym is no mention of its own here).
  const owner = mentions.find((m) => m.end === noun || (m.end === noun - 1 && tokens[m.end]!.text === "'s"))?.actor
    ?? (noun > 0 ? view.ctx.demonymActor(tokens[noun - 1]!) : undefined);
  return owner !== undefined && !holders.includes(owner);
}

/** How many sentences after the plan was named (or after its last numbered point) the next point may come. */
const PLAN_POINT_REACH = 8;

/**
 * Whether this sentence is a numbered point ("5." just before it) of a plan named within the last sentences (or of the list
 * of points that went on from it), written as what will be ("will", "would"). It carries the list on.
 */
function numberedPlanPoint(view: SentenceView, memory: Memory): boolean {
  const { sentence, tokens } = view;
  if (memory.itemNumber.index !== sentence.index - 1 || sentence.index - memory.planNamedSentence > PLAN_POINT_REACH) return false;
  memory.planNamedSentence = sentence.index;
  return tokens.some((t) => WOULD.has(t.stem));
}

const PROVISION_CONDITIONS = wordLists.provisionConditions!.map((phrase) => phrase.split(' '));
/** "If Ukraine invades Russia, ...", "In the event of a new invasion, ...": an item that opens with its condition. */
function conditionalProvision(tokens: readonly Token[]): boolean {
  let i = 0;
  while (i < tokens.length && !tokens[i]!.isWord) i++;
  return PROVISION_CONDITIONS.some((words) => words.every((w, k) => tokens[i + k]?.lower === w));
}

/**
 * The findings a stance word or an act gave this sentence's subjects, taken back: in a plan's own items ("NATO agrees not
 * to station troops") the sides named are what the plan provides for, not who holds a stance. The authors' stay.
 */
function withoutProvisionSubjects(view: SentenceView, authors: readonly string[]): void {
  takeBack(view, (f) => byWordOrAct(f) && !authors.includes(f.actor));
}

/** How far after a plan's content verb the side it asks something of may stand ("requires Ukraine to", "calls on the government of Ukraine to"). */
const PATIENT_REACH = 2;

/**
 * "The plan involves Ukraine making concessions, including pledging not to join NATO", "the proposal calls on Kyiv to accept
 * limits": the side named right after the plan's content verb is what the plan asks of, so a stance word or act this sentence
 * gave that side (its subject) is taken back; the plan's authors keep theirs, and sides named elsewhere in the sentence keep theirs.
 */
function withoutPlanPatients(view: SentenceView, contentFrom: number, authors: readonly string[]): void {
  const { mentions, tokens } = view;
  const patients = new Set<string>();
  for (const m of mentions) {
    let from = contentFrom;
    while (from < m.start && determiners.has(tokens[from]!.lower)) from++;
    if (m.actor !== undefined && m.start >= contentFrom && m.start - from <= PATIENT_REACH - 1 && !authors.includes(m.actor)) patients.add(m.actor);
  }
  // "..., which required Kyiv to relinquish Donbas - a proposal Ukraine has opposed": a side named again as a subject speaks there.
  for (const m of mentions) {
    if (m.actor === undefined || !patients.has(m.actor)) continue;
    const next = tokens[m.end];
    const subject = m.oblique === undefined && !m.modifier && next !== undefined && next.isWord && !next.capitalised && !prepositions.has(next.lower) && !determiners.has(next.lower) && next.lower !== 'and';
    if (m.start < contentFrom || (m.start > contentFrom + PATIENT_REACH && subject)) patients.delete(m.actor);
  }
  if (patients.size > 0) takeBack(view, (f) => byWordOrAct(f) && patients.has(f.actor));
}

/** Someone's words: a reporting verb with its speaker, or a quotation with one. */
function reportedIn(view: SentenceView): boolean {
  const { tokens, ctx } = view;
  for (let i = 0; i < tokens.length; i++) if (ctx.speakerAt(i)) return true;
  return false;
}

/** After the rules: remember this sentence's terms for a pronoun in the next ones. */
export function remember(view: SentenceView, memory: Memory): void {
  const { sentence, tokens, cues, question } = view;
  if (cues.length > 0) memory.lastCues = { cues, index: sentence.index };
  // "Russia struck Kyiv overnight. Zelensky condemned it.": a full statement in between is what "it" points to.
  else if (!question && tokens.filter((t) => t.isWord).length >= 8) memory.lastCues = { cues: [], index: sentence.index };
}

/**
 * "offered South Korea its own security guarantees", "backed Poland's proposal": the
 * object belongs to a party the tracker does not list, so it says nothing of the terms here.
 */
function forUnknownParty(tokens: readonly Token[], mentions: readonly Mention[], trigger: Trigger): boolean {
  let i = trigger.end;
  if (tokens[i]?.lower === 'the') i++;
  const first = i;
  while (i < tokens.length && tokens[i]!.capitalised && tokens[i]!.isWord && !mentions.some((m) => m.start <= i && i < m.end)) i++;
  if (i === first) return false;
  const next = tokens[i]?.lower;
  return next === "'s" || next === 'its' || next === 'their' || next === 'a' || next === 'the';
}

const nonActorSources = new PhraseIndex<true>({ by: 'stem' });
for (const source of grammar.nonActorSources) nonActorSources.add(source, true);
const characterisingVerbs = stemSet(reporting.characterising);

/** Token index after which a sentence reports what critics or analysts think, or Infinity. */
export function characterisation(tokens: readonly Token[]): number {
  for (const m of nonActorSources.findAll(tokens)) {
    for (let i = m.end; i < Math.min(tokens.length, m.end + 3); i++) {
      if (characterisingVerbs.has(tokens[i]!.stem)) return i;
    }
  }
  return Infinity;
}

/** "rejects ceasefire offer": a noun after a term that a stance verb governs is that verb's object. */
export function governed(tokens: readonly Token[], cues: readonly CueMatch[], triggers: readonly Trigger[], t: Trigger): boolean {
  if (t.cls === 'evaluative' || /(ed|ing)$/.test(tokens[t.start]!.lower)) return false;
  return cues.some((c) => c.end === t.start
    && triggers.some((p) => p !== t && p.cls === 'verb' && p.end <= c.start && tokens.slice(p.end, c.start).every((x) => determiners.has(x.lower))));
}

/** "its NATO bid": a stance word inside a term's own phrase is part of the name. */
export function insideCue(cues: readonly CueMatch[], t: Trigger): boolean {
  return cues.some((c) => c.start <= t.start && t.end <= c.end);
}

/** Records one finding: the holder's polarity times the cue's (and the cue's own negation). */
/** A finding a stance word or an act made (not a plan's authorship or contents): what the rules that take findings back withdraw. */
function byWordOrAct(f: Finding): boolean {
  return f.rule.startsWith('trigger:') || f.rule.startsWith('act:');
}

/** Takes back the findings `drop` picks among this sentence's (the last ones made: the rules run sentence by sentence). */
function takeBack(view: SentenceView, drop: (f: Finding) => boolean): void {
  const { findings, sentence } = view;
  for (let k = findings.length - 1; k >= 0 && findings[k]!.sentence === sentence; k--) if (drop(findings[k]!)) findings.splice(k, 1);
}

function addFinding(findings: Finding[], sentence: Sentence, actor: string, cue: CueMatch, polarity: number, confidence: number, rule: string, trigger?: Trigger): void {
  // A negator before the trigger belongs to the trigger ("did not reject the ceasefire").
  const negated = cue.negated && (trigger === undefined || cue.negatorAt >= trigger.end || cue.end <= trigger.start);
  const cuePolarity = cue.polarity * (negated ? -1 : 1);
  const cueText = trigger ? `${trigger.text} … ${cue.text}` : cue.text;
  findings.push({ actor, term: cue.term, polarity: stanceOf(polarity * cuePolarity), confidence, sentence, cue: cueText, rule });
}

/** Terms a pronoun may point back to: those of the last three sentences. */
function recent(memory: { cues: CueMatch[]; index: number }, sentence: Sentence): CueMatch[] {
  return sentence.index - memory.index <= 3 ? memory.cues : [];
}

/** "the agreement being signed": the subject of a passive is what is acted on, not who acts. */
function passive(tokens: readonly Token[], trigger: Trigger): boolean {
  return trigger.cls === 'verb' && /ed$/.test(tokens[trigger.start]!.lower) && copulas.has(tokens[trigger.start - 1]?.lower ?? '');
}

const OBJECT_END = new Set([',', ';', '.', '!', '?', '"', ')', '-', '\u2014']);

/**
 * Whether a trigger with nothing on its right may reach back for its term: a
 * verb with no object ("talks, which I support,"), a predicate ("was against"),
 * a noun with an explicit holder ("resistance from Moscow").
 */
function leftScopeAllowed(tokens: readonly Token[], trigger: Trigger, source: string): boolean {
  if (source === 'agent') return true; // "was rejected by Kyiv", "criticism from Brussels"
  if (trigger.cls === 'noun') return false;
  if (trigger.cls === 'verb' || trigger.cls === 'disposition') {
    const next = tokens[trigger.end];
    return next === undefined || OBJECT_END.has(next.text);
  }
  return false;
}

/** "Trump's plan", "his proposed 28-point plan", "the US plan", "a plan drafted by X", "a plan developed by US and Russian officials". */
/**
 * "a U.S.-brokered 30-day moratorium", "the U.S.-led energy truce": a dotted name joined by a hyphen to a participle of
 * authorship, then at most two modifiers ("30-day", "energy"), before the term.
 */
function dottedAuthorBefore(tokens: readonly Token[], m: Mention, cue: CueMatch): boolean {
  if (tokens[m.end]?.text !== '-' || !authorParticiples.has(tokens[m.end + 1]?.lower ?? '')) return false;
  return modifiersOnly(tokens, m.end + 2, cue.start);
}

/** At most two lower-case words from `from` to `to` ("30-day", "energy"): modifiers of the term, nothing else. */
function modifiersOnly(tokens: readonly Token[], from: number, to: number): boolean {
  const gap = to - from;
  return gap >= 0 && gap <= 2 && tokens.slice(from, to).every((t) => t.isWord && !t.capitalised);
}

const WORRY_STEMS = stemSet(wordLists.worryTriggers!.map((phrase) => phrase.split(' ')[0]!));
/** "secure", "securing" (`lists.obtainingVerbs`): a verb of obtaining, whose negation is failure, not refusal. */
const OBTAINING_VERBS = new Set(stanceLists.obtainingVerbs);
/** "concerns", "fears", "reservations" (`lists.worryNouns`): a worry noun about the talks is no opposition to them. */
const WORRY_NOUNS = new Set(stanceLists.worryNouns);
const PLAN_ANAPHORS = new Set(wordLists.planAnaphors);
const PLAN_ANAPHOR_DETERMINERS = new Set(wordLists.planAnaphorDeterminers);
const PLAN_ANAPHOR_REACH = 2;
const PLAN_PRONOUNS = new Set(wordLists.planPronouns);
/**
 * "That initial version reportedly outlined ...", "The document also proposes ...", "It would require ...": a sentence
 * whose subject is another name for the plan just named and whose verb sets out contents. The index after the verb, or -1.
 */
function planAnaphorContentAt(tokens: readonly Token[]): number {
  let i = 0;
  if (PLAN_ANAPHOR_DETERMINERS.has(tokens[0]?.lower ?? '') && !PLAN_PRONOUNS.has(tokens[0]!.lower)) i = 1;
  // "It would require ...", "These include ...": a pronoun for the plan (or the proposals) just named.
  else if (!PLAN_PRONOUNS.has(tokens[0]?.lower ?? '')) return -1;
  if (i === 1) {
    while (i < 4 && i < tokens.length && !PLAN_ANAPHORS.has(tokens[i]!.lower)) {
      if (!tokens[i]!.isWord && !/^\d/.test(tokens[i]!.text)) return -1;
      i++;
    }
    if (!PLAN_ANAPHORS.has(tokens[i]?.lower ?? '')) return -1;
  }
  const after = tokens.slice(i + 1, i + 5);
  const marker = planMarkers.findAll(after)[0];
  if (!marker) return -1;
  if (after.slice(0, marker.start).some((t) => !t.isWord || t.lower === 'not' || t.lower === 'never' || t.lower.endsWith("n't"))) return -1;
  return i + 1 + marker.end;
}

const PLAN_DEMONYM_FILLERS = new Set(wordLists.planDemonymFillers);
/**
 * "the American 28-point plan", "the initial American proposal": a demonym right before a plan (numbers and
 * a few modifiers between) names the plan's author, as "the US plan" does. Not "an American official's plan".
 */
function demonymAuthor(view: SentenceView, plan: CueMatch): string[] {
  const { tokens, ctx } = view;
  for (let i = plan.start - 1; i >= Math.max(0, plan.start - 3); i--) {
    const t = tokens[i]!;
    const actor = ctx.demonymActor(t);
    if (actor !== undefined) return view.mentions.some((m) => m.start <= i && i < m.end) ? [] : [actor];
    if (!(PLAN_DEMONYM_FILLERS.has(t.lower) || /^\d/.test(t.text))) return [];
  }
  return [];
}

function planAuthorsOf(tokens: readonly Token[], mentions: readonly Mention[], plan: CueMatch, topicNames: ReadonlySet<string>): string[] {
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    if (m.actor === undefined) continue;
    // "the Ukraine peace plan": the country the negotiation is about names the topic, not the author ("the US peace plan").
    if (m.modifier && m.end === plan.start && !topicNames.has(tokenLower(tokens, m.start, m.end))) return [m.actor];
    // "the U.S.-drafted plan": a dotted name joined by a hyphen to an authorship participle.
    if (m.end + 1 === plan.start && tokens[m.end]?.text === '-' && authorParticiples.has(tokens[plan.start]!.lower)) return [m.actor];
    if (m.end + 2 === plan.start && tokens[m.end]?.text === '-' && authorParticiples.has(tokens[m.end + 1]!.lower)) return [m.actor];
    if (m.kind === 'compound' && m.end <= plan.start && plan.start - m.end <= 2) return [m.actor];
    if (m.possessive && m.end < plan.start && plan.start - m.end <= 4) {
      const between = tokens.slice(m.end, plan.start);
      // "Trump's 28-point 'peace plan'": a quotation mark right before the plan's name does not end the phrase
      // (one before a word of judgement, "Putin's 'friendly deal'", still does: that is a characterisation).
      // "Moscow's rejection of the draft", "Kyiv's response to the plan": a preposition between makes the plan the object of the possessor's noun.
      if (between.every((t, k) => (t.isWord && !prepositions.has(t.lower)) || t.text === "'s" || ((t.text === "'" || t.text === '"') && m.end + k === plan.start - 1))) return [m.actor];
    }
    // "a plan by Washington", "the proposal drafted by Kushner"; not "a proposal rejected by Kyiv" (a participle that is no authorship).
    if (m.oblique === 'by' && m.start > plan.end && m.start - plan.end <= 3
      && !tokens.slice(plan.end, m.start).some((t) => /ed$/.test(t.lower) && !authorParticiples.has(t.lower))) return actorsOf(coordinatedRight(tokens, mentions, k));
    // "a plan that, according to Axios, was developed secretly by U.S. and Russian officials".
    if (m.oblique === 'by' && m.start > plan.end && m.start - plan.end <= 14
      && tokens.slice(plan.end, m.start).some((t) => authorParticiples.has(t.lower))) {
      return actorsOf(coordinatedRight(tokens, mentions, k));
    }
  }
  return [];
}
