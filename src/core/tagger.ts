// The stance tagger: document + compiled tracker -> one record per (actor, term)
// with stance, confidence and evidence. Rule-based and pure (no I/O, no AWS).
// The rules live in small modules: text (sentences, quotes), mentions (who is
// named), polarity (triggers, negation, scope), attribution (who holds it),
// discourse (pronouns, speakers of quotations), rules (what a sentence yields).
import { findReportedSpeaker, type HolderContext, type Speaker } from './attribution.js';
import { documentVoices, quoteSpeakers, resolvePronouns, type Analysed } from './discourse.js';
import { applyDocumentContents, linkHeadline, mayHoldDocumentContent, type Signed } from './documents.js';
import { grammar, wordLists } from './lexicon/index.js';
import { compileActors, findMentions, type CompiledActors } from './mentions.js';
import { unwrapLines } from './layout.js';
import { keySet, PhraseIndex, type PhraseMatch } from './phrases.js';
import { clauseIds, findCues, findTriggers, withoutNamedPlans, type CueMatch, type CuePayload } from './polarity.js';
import { calibratedConfidence, shapeOf } from './calibration.js';
import type { Evidence, StanceRecord, TaggableDocument } from './records.js';
import { applyActs, applyConditions, applyOffers, applyPeaceEfforts, type ActPayload, type RuleFamily, applyPlans, applyRefusals, characterisation, creditCoAuthors, applyTriggers, governed, insideCue, newMemory, remember, type Finding, type SentenceView } from './rules.js';
import { quoteSpans, splitSentences, type QuoteSpan, type Sentence, type Token } from './text.js';
import type { Stance, Tracker } from './tracker.js';

/** Bumped whenever tagging rules or lexicons change (in ./tagger-version.ts, which the re-tag fan-out reads without this module). */
export { TAGGER_VERSION } from './tagger-version.js';

export { RULE_FAMILIES, type RuleFamily } from './rules.js';

/** How to tag: by default every rule family is on; `stance eval --ablate` switches one off at a time. */
export interface TagOptions {
  /** Families switched off for this call (an ablation); none by default. */
  readonly off?: ReadonlySet<RuleFamily>;
}
const ALL_ON: ReadonlySet<RuleFamily> = new Set();

export interface CompiledTracker {
  readonly tracker: Tracker;
  readonly actors: CompiledActors;
  readonly cues: PhraseIndex<CuePayload>;
  readonly acts: PhraseIndex<ActPayload>;
  readonly topic: PhraseIndex<true> | undefined;
  readonly topicMinMentions: number;
  readonly topicNames: ReadonlySet<string>;
  readonly topicMinDensity: number;
  /** The tracker's words for the negotiation itself (`topic.process`): a bare plan noun needs one in its document. */
  readonly process: PhraseIndex<true> | undefined;
  /** Terms that name the process (talks), not a provision (`process: true`). */
  readonly processTerms: ReadonlySet<string>;
  /** Actors with `counterparty: true`: the side across the table. */
  readonly counterparties: ReadonlySet<string>;
  readonly actorOrder: ReadonlyMap<string, number>;
  readonly termOrder: ReadonlyMap<string, number>;
}

const determiners = new Set(grammar.determiners);
const NO_ACTS: readonly PhraseMatch<ActPayload>[] = [];
const FUTURE = new Set(wordLists.future);

/** Prepares a tracker once (patterns, lookups) so that tagging many documents is cheap. */
export function compileTracker(tracker: Tracker): CompiledTracker {
  const cues = new PhraseIndex<CuePayload>({ by: 'stem', fillers: determiners, fillerMax: 2 });
  for (const term of tracker.terms) {
    for (const phrase of term.cues.affirm) cues.add(phrase, { term: term.id, polarity: 1, plan: term.plan });
    for (const phrase of term.cues.negate) cues.add(phrase, { term: term.id, polarity: -1, plan: term.plan });
    for (const phrase of term.cues.exclude) cues.add(phrase, { term: term.id, polarity: 0, plan: false });
  }
  const acts = new PhraseIndex<ActPayload>({ by: 'stem', fillers: determiners, fillerMax: 3 });
  for (const term of tracker.terms) {
    for (const phrase of term.acts.support) acts.add(phrase, { term: term.id, polarity: 1 });
    for (const phrase of term.acts.oppose) acts.add(phrase, { term: term.id, polarity: -1 });
  }
  let topic: PhraseIndex<true> | undefined;
  if (tracker.topic) {
    topic = new PhraseIndex<true>({ by: 'stem', nameCase: true });
    for (const phrase of tracker.topic.phrases) topic.add(phrase, true);
  }
  let process: PhraseIndex<true> | undefined;
  if (tracker.topic?.process) {
    process = new PhraseIndex<true>({ by: 'stem' });
    for (const phrase of tracker.topic.process) process.add(phrase, true);
  }
  return {
    tracker,
    actors: compileActors(tracker),
    cues,
    acts,
    topic,
    topicMinMentions: tracker.topic?.minMentions ?? 0,
    topicNames: new Set((tracker.topic?.phrases ?? []).map((p) => p.toLowerCase())),
    topicMinDensity: tracker.topic?.minDensity ?? 0,
    process,
    processTerms: new Set(tracker.terms.filter((t) => t.process).map((t) => t.id)),
    counterparties: new Set(tracker.actors.filter((a) => a.counterparty === true).map((a) => a.id)),
    actorOrder: new Map(tracker.actors.map((a, i) => [a.id, i])),
    termOrder: new Map(tracker.terms.map((t, i) => [t.id, i])),
  };
}

/**
 * The tracker's topic gate: a document must name the topic at least `minMentions` times and in
 * `minDensity` of its sentences' worth. Stops counting once it passes unless `countAll` (for the
 * no-record reason, which reports the count).
 */
export function topicGate(sentences: readonly Sentence[], compiled: CompiledTracker, options: { countAll?: boolean } = {}): { pass: boolean; hits: number; needed: number } {
  if (!compiled.topic) return { pass: true, hits: 0, needed: 0 };
  const needed = Math.max(compiled.topicMinMentions, Math.ceil(compiled.topicMinDensity * sentences.length));
  let hits = 0;
  for (const s of sentences) {
    hits += compiled.topic.findAll(s.tokens).length;
    if (hits >= needed && !options.countAll) break;
  }
  return { pass: hits >= needed, hits, needed };
}

/** "the plan", "the deal", "the roadmap": a plan term's cue of one word, which names the plan only where the negotiation is named. */
const barePlan = (c: CueMatch): boolean => c.plan && c.end - c.start === 1;

/**
 * Whether some sentence names the negotiation itself (the tracker's `topic.process`); true
 * when the tracker gives no such words. Asked only of documents with a bare plan noun.
 */
function namesProcess(sentences: readonly Sentence[], compiled: CompiledTracker): boolean {
  if (!compiled.process) return true;
  for (const s of sentences) if (compiled.process.findAll(s.tokens).length > 0) return true;
  return false;
}

/** One record per (document, actor, term) with its stance, confidence and evidence. */
export function tagDocument(doc: TaggableDocument, compiled: CompiledTracker, options: TagOptions = {}): StanceRecord[] {
  const off = options.off ?? ALL_ON;
  const demandClauses = !off.has('demand-clauses');
  const text = doc.text;
  // A hard-wrapped text is read unwrapped (same length: offsets hold; evidence is sliced from the original).
  const laidOut = unwrapLines(text);
  const sentences = splitSentences(laidOut);
  if (!topicGate(sentences, compiled).pass) return [];
  const isDemonym = (t: Token): boolean => t.capitalised && compiled.actors.demonyms.has(t.lower);
  // Filled by push, not Array.prototype.map: V8's tiers give map's result different element kinds,
  // and the loops below would be deoptimised when they meet the other one.
  const analysed: Array<Analysed & { acts: readonly PhraseMatch<ActPayload>[]; documentVerb: boolean }> = [];
  let processNamed: boolean | undefined;
  for (const sentence of sentences) {
    const tokens = sentence.tokens;
    const mentions = findMentions(tokens, compiled.actors);
    const stems = keySet(tokens);
    let cues = withoutNamedPlans(tokens, findCues(tokens, compiled.cues, stems), (at) => isDemonym(tokens[at]!) || mentions.some((m) => m.start <= at && at < m.end) || compiled.actors.aliases.matchesAt(tokens, at).length > 0);
    if (cues.some(barePlan) && !(processNamed ??= namesProcess(sentences, compiled))) cues = cues.filter((c) => !barePlan(c));
    if (cues.length > 0 && linkHeadline(tokens)) cues = [];
    const acts = off.has('acts') ? NO_ACTS : compiled.acts.findAll(tokens, stems);
    for (const m of mentions) {
      // "the US plan", "US security guarantees": a name that modifies a term is not its subject
      // ("the UK extended sanctions": an act right after a name is that name's verb).
      if (acts.some((x) => x.start === m.end)) continue;
      if (cues.some((c) => c.start === m.end || (c.start <= m.start && m.end <= c.end))) m.modifier = true;
    }
    analysed.push({ sentence, tokens, mentions, cues, acts, triggers: findTriggers(tokens, isDemonym, stems), clauses: clauseIds(tokens), documentVerb: cues.length > 0 && mayHoldDocumentContent(stems) });
  }
  const spans = quoteSpans(laidOut);
  if (!off.has('pronouns')) resolvePronouns(analysed, spans, compiled.actors.stateNames);
  // A statement or speech that is the document itself speaks for its signatories or speaker where no sentence names one.
  const signedIn: Array<readonly string[] | undefined> = [];
  const voices = off.has('voices') ? undefined : documentVoices(analysed, spans, signedIn);
  let signed: Signed | undefined;
  const speakers = off.has('quote-speakers') ? new Map<QuoteSpan, Speaker>() : quoteSpeakers(analysed, spans);
  // Quote spans overlapping each sentence, found in one sweep (both lists are in text order).
  let firstSpan = 0;
  const overlapping = (sentence: Sentence): QuoteSpan[] => {
    while (firstSpan < spans.length && spans[firstSpan]!.end <= sentence.start) firstSpan++;
    const out: QuoteSpan[] = [];
    for (let k = firstSpan; k < spans.length && spans[k]!.start < sentence.end; k++) if (spans[k]!.end > sentence.start) out.push(spans[k]!);
    return out;
  };
  const findings: Finding[] = [];
  const memory = newMemory();

  for (const a of analysed) {
    const { sentence, tokens, mentions, cues, triggers, clauses, acts, documentVerb } = a;
    const reported = findReportedSpeaker(tokens, mentions, clauses, 0, tokens.length);
    const spansHere = overlapping(sentence);
    // "Ukraine would write into its constitution": a reporting verb after "would/will" is an act to come, not speech.
    const future = reported !== undefined && FUTURE.has(tokens[reported.verbAt - 1]?.lower ?? '');
    const sentenceSpeaker = reported && !future && !spansHere.some((s) => s.start <= tokens[reported.verbAt]!.start && tokens[reported.verbAt]!.start < s.end) ? reported : undefined;
    const trailingAttribution = sentenceSpeaker !== undefined && !triggers.some((t) => t.start > sentenceSpeaker.verbAt);
    // "Asked about Moscow's demands, Rutte said ...": the reporter's question is nobody's words.
    const askedUntil = tokens[0]?.lower === 'asked' ? tokens.findIndex((t) => t.text === ',') : -1;
    // A stance word inside a name ("White House press secretary") is part of the name.
    const active = triggers.filter((t) => !governed(tokens, cues, triggers, t) && !insideCue(cues, t)
      && !mentions.some((m) => m.start <= t.start && t.end <= m.end));
    const voice = voices?.[sentence.index];
    const quotesHere: Array<readonly [QuoteSpan, Speaker]> = [];
    for (const span of spansHere) {
      const speaker = speakers.get(span);
      if (speaker) quotesHere.push([span, speaker]);
    }
    const ctx: HolderContext = {
      tokens, mentions, clauses, demandClauses,
      speakerAt(i) {
        const offset = tokens[i]?.start ?? sentence.start;
        // An item of a list of points: the side that announced the points speaks it, whoever the quotation ran on from.
        if (voice?.listed && !sentenceSpeaker) return voice;
        for (const [span, speaker] of quotesHere) if (span.start <= offset && offset < span.end) return speaker;
        if (i < askedUntil) return undefined;
        if (!sentenceSpeaker) return voice;
        // "X said (that) ..." speaks for what follows; "..., X said." for what precedes.
        if (i > sentenceSpeaker.verbAt) return sentenceSpeaker;
        return trailingAttribution ? sentenceSpeaker : undefined;
      },
      demonymActor(token) {
        return token.capitalised ? compiled.actors.demonyms.get(token.lower) : undefined;
      },
    };
    const view: SentenceView = {
      sentence, tokens, mentions, cues, triggers, clauses, ctx, active, findings, off, topicNames: compiled.topicNames, processTerms: compiled.processTerms, counterparties: compiled.counterparties,
      question: tokens[tokens.length - 1]?.text === '?' || tokens[tokens.length - 2]?.text === '?',
      // "Critics argue that the Kremlin is stalling": what follows is a characterisation (read once; three rule families use it).
      characterisedFrom: characterisation(tokens),
    };
    const reached = off.has('triggers') ? new Set<CueMatch>() : applyTriggers(view, memory);
    if (acts.length > 0) applyActs(view, acts, reached);
    if (!off.has('acts')) applyPeaceEfforts(view);
    if (!off.has('refusals')) applyRefusals(view, reached);
    if (!off.has('conditions')) {
      applyConditions(view);
      applyOffers(view);
    }
    // "The declaration outlines security guarantees": what a side's document sets out (documents.ts).
    const signatories = signedIn[sentence.index];
    if (signatories !== undefined) signed = { actors: signatories, paragraph: sentence.paragraph };
    if (documentVerb && !off.has('voices')) applyDocumentContents(view, signed);
    if (!off.has('plans')) {
      applyPlans(view, memory);
      creditCoAuthors(view);
    }
    remember(view, memory);
  }
  return aggregate(doc.id, text, findings, compiled);
}

function aggregate(document: string, text: string, findings: readonly Finding[], compiled: CompiledTracker): StanceRecord[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.actor}\t${f.term}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const records: StanceRecord[] = [];
  for (const [key, list] of groups) {
    const [actor, term] = key.split('\t') as [string, string];
    let support = 0;
    let oppose = 0;
    for (const f of list) {
      if (f.polarity > 0) support += f.confidence;
      else oppose += f.confidence;
    }
    const high = Math.max(support, oppose);
    const low = Math.min(support, oppose);
    const stance: Stance = low > 0 && low / high >= 0.5 ? 'mixed' : support >= oppose ? 'support' : 'oppose';
    const evidence: Evidence[] = [];
    const seen = new Set<string>();
    for (const f of list) {
      const k = `${f.sentence.start}:${f.cue}`;
      if (seen.has(k)) continue;
      seen.add(k);
      evidence.push({ sentence: text.slice(f.sentence.start, f.sentence.end), start: f.sentence.start, end: f.sentence.end, cue: f.cue, stance: f.polarity > 0 ? 'support' : 'oppose', rule: f.rule });
    }
    records.push({ document, actor, term, stance, confidence: calibratedConfidence(shapeOf({ stance, evidence })), evidence });
  }
  return records.sort((x, y) =>
    (compiled.actorOrder.get(x.actor) ?? 0) - (compiled.actorOrder.get(y.actor) ?? 0)
    || (compiled.termOrder.get(x.term) ?? 0) - (compiled.termOrder.get(y.term) ?? 0));
}

/**
 * Why a document got no records, in words a user can act on: the topic gate (with the
 * mentions found and needed), no actor named, no term named, or no stance in the sentences
 * that name both. Runs only for documents without records; the gate's arithmetic is the
 * one tagDocument applies.
 */
export function noRecordReason(doc: TaggableDocument, compiled: CompiledTracker): string {
  const sentences = splitSentences(unwrapLines(doc.text));
  const topic = topicGate(sentences, compiled, { countAll: true });
  if (!topic.pass) return `topic gate: ${topic.hits} of ${topic.needed} topic mention${topic.needed === 1 ? '' : 's'}`;
  let actors = 0;
  let terms = 0;
  let both = 0;
  for (const s of sentences) {
    // A pronoun or title is not yet resolved here: only mentions that name an actor count.
    const named = findMentions(s.tokens, compiled.actors).filter((m) => m.actor !== undefined).length;
    const cued = findCues(s.tokens, compiled.cues).length;
    actors += named;
    terms += cued;
    if (named && cued) both++;
  }
  if (!actors) return 'no actor named';
  if (!terms) return 'no term named';
  if (!both) return `no sentence names both an actor and a term (${actors} actor and ${terms} term mentions apart)`;
  return `no stance found: ${both} sentence${both === 1 ? ' names' : 's name'} an actor and a term, with no stance the rules read`;
}

/** tagDocument, and when it finds nothing, the reason (noRecordReason). */
export function tagDocumentWithReason(doc: TaggableDocument, compiled: CompiledTracker): { records: StanceRecord[]; reason?: string } {
  const records = tagDocument(doc, compiled);
  return records.length ? { records } : { records, reason: noRecordReason(doc, compiled) };
}
