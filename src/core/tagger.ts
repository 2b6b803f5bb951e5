// The stance tagger: document + compiled tracker -> one record per (actor, term)
// with stance, confidence and evidence. Rule-based and pure (no I/O, no AWS).
// The rules live in small modules: text (sentences, quotes), mentions (who is
// named), polarity (triggers, negation, scope), attribution (who holds it).
import { findHolders, findInsetSpeaker, findReportedSpeaker, subjectLeft, type HolderContext, type Speaker } from './attribution.js';
import { grammar, reporting } from './lexicon/index.js';
import { compileActors, findMentions, type CompiledActors, type Mention } from './mentions.js';
import { PhraseIndex, stemSet } from './phrases.js';
import { clauseIds, cuesLeft, cuesRight, findCues, findTriggers, leftLimit, pointsBack, type CueMatch, type CuePayload, type Polarity, type Trigger } from './polarity.js';
import type { Evidence, StanceRecord, TaggableDocument } from './records.js';
import { quoteSpans, splitSentences, type QuoteSpan, type Sentence, type Token } from './text.js';
import type { Stance, Tracker } from './tracker.js';

/** Bumped whenever tagging rules or lexicons change: stored records of older versions are re-tagged. */
export const TAGGER_VERSION = '3';

export interface CompiledTracker {
  readonly tracker: Tracker;
  readonly actors: CompiledActors;
  readonly cues: PhraseIndex<CuePayload>;
  readonly topic: PhraseIndex<true> | undefined;
  readonly topicMinMentions: number;
  readonly topicMinDensity: number;
  readonly actorOrder: ReadonlyMap<string, number>;
  readonly termOrder: ReadonlyMap<string, number>;
}

const determiners = new Set(grammar.determiners);
const anaphora = new Set(grammar.anaphora);
const demandAnaphora = new Set(grammar.demandAnaphora);
const planMarkers = new PhraseIndex<true>({ by: 'stem' });
for (const marker of grammar.planContentMarkers) planMarkers.add(marker, true);
const WOULD = stemSet(['would', 'will']);
const actionAuxiliaries = new Set(grammar.actionAuxiliaries);
const PASSIVE = new Set(['be', 'been', 'being']);
const copulas = new Set([...grammar.copulas, 'be']);
const conditionMarkers = new PhraseIndex<true>({ by: 'stem' });
for (const marker of grammar.conditionMarkers) conditionMarkers.add(marker, true);

/** Prepares a tracker once (patterns, lookups) so that tagging many documents is cheap. */
export function compileTracker(tracker: Tracker): CompiledTracker {
  const cues = new PhraseIndex<CuePayload>({ by: 'stem', fillers: determiners, fillerMax: 2 });
  for (const term of tracker.terms) {
    for (const phrase of term.cues.affirm) cues.add(phrase, { term: term.id, polarity: 1, plan: term.plan });
    for (const phrase of term.cues.negate) cues.add(phrase, { term: term.id, polarity: -1, plan: term.plan });
    for (const phrase of term.cues.exclude) cues.add(phrase, { term: term.id, polarity: 0, plan: false });
  }
  let topic: PhraseIndex<true> | undefined;
  if (tracker.topic) {
    topic = new PhraseIndex<true>({ by: 'stem', nameCase: true });
    for (const phrase of tracker.topic.phrases) topic.add(phrase, true);
  }
  return {
    tracker,
    actors: compileActors(tracker),
    cues,
    topic,
    topicMinMentions: tracker.topic?.minMentions ?? 0,
    topicMinDensity: tracker.topic?.minDensity ?? 0,
    actorOrder: new Map(tracker.actors.map((a, i) => [a.id, i])),
    termOrder: new Map(tracker.terms.map((t, i) => [t.id, i])),
  };
}

interface Finding {
  readonly actor: string;
  readonly term: string;
  readonly polarity: Polarity;
  readonly confidence: number;
  readonly sentence: Sentence;
  readonly cue: string;
  readonly rule: string;
}

interface Analysed {
  readonly sentence: Sentence;
  readonly tokens: Token[];
  readonly mentions: Mention[];
  readonly cues: CueMatch[];
  readonly triggers: Trigger[];
  readonly clauses: number[];
}

/** Resolves "he", "the spokesman" and "his" to the actor last named as a subject, in reading order. */
function resolvePronouns(analysed: readonly Analysed[], spans: readonly QuoteSpan[]): void {
  let lastPerson: string | undefined;
  let span = 0;
  for (const a of analysed) {
    for (const m of a.mentions) {
      const offset = a.tokens[m.start]!.start;
      while (span < spans.length && spans[span]!.end <= offset) span++;
      // A side named inside a quotation is what the speaker talks about, not who "he" is next.
      const quoted = span < spans.length && spans[span]!.start <= offset;
      if (m.kind === 'person-pronoun' || m.kind === 'title') {
        m.actor = lastPerson;
      } else if ((m.kind === 'name' || m.kind === 'group') && m.oblique === undefined && !m.modifier && !m.possessive && !quoted) {
        lastPerson = m.actor;
      }
    }
  }
}

function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  for (let i = 0; i < tokens.length; i++) if (tokens[i]!.end > offset) return i;
  return tokens.length;
}

const RUN_ON_CHARS = 200;

/** The speaker of each quotation, found after it, before it, or set inside it between dashes. */
function quoteSpeakers(analysed: readonly Analysed[], spans: readonly QuoteSpan[]): Map<QuoteSpan, Speaker> {
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

function stanceOf(polarity: number): Polarity {
  return polarity >= 0 ? 1 : -1;
}

/** One record per (document, actor, term) with its stance, confidence and evidence. */
export function tagDocument(doc: TaggableDocument, compiled: CompiledTracker): StanceRecord[] {
  const text = doc.text;
  const sentences = splitSentences(text);
  if (compiled.topic) {
    const needed = Math.max(compiled.topicMinMentions, Math.ceil(compiled.topicMinDensity * sentences.length));
    let hits = 0;
    for (const s of sentences) {
      hits += compiled.topic.findAll(s.tokens).length;
      if (hits >= needed) break;
    }
    if (hits < needed) return [];
  }
  const isDemonym = (t: Token): boolean => t.capitalised && compiled.actors.demonyms.has(t.lower);
  const analysed: Analysed[] = sentences.map((sentence) => {
    const tokens = sentence.tokens;
    const mentions = findMentions(tokens, compiled.actors);
    const cues = findCues(tokens, compiled.cues);
    for (const m of mentions) {
      // "the US plan", "US security guarantees": a name that modifies a term is not its subject.
      if (cues.some((c) => c.start === m.end || (c.start <= m.start && m.end <= c.end))) m.modifier = true;
    }
    return { sentence, tokens, mentions, cues, triggers: findTriggers(tokens, isDemonym), clauses: clauseIds(tokens) };
  });
  const spans = quoteSpans(text);
  resolvePronouns(analysed, spans);
  const speakers = quoteSpeakers(analysed, spans);
  // Quote spans overlapping each sentence, found in one sweep (both lists are in text order).
  let firstSpan = 0;
  const overlapping = (sentence: Sentence): QuoteSpan[] => {
    while (firstSpan < spans.length && spans[firstSpan]!.end <= sentence.start) firstSpan++;
    const out: QuoteSpan[] = [];
    for (let k = firstSpan; k < spans.length && spans[k]!.start < sentence.end; k++) if (spans[k]!.end > sentence.start) out.push(spans[k]!);
    return out;
  };
  const findings: Finding[] = [];
  let lastCues: { cues: CueMatch[]; index: number } = { cues: [], index: -9 };
  let lastDemand: { cues: CueMatch[]; index: number } = { cues: [], index: -9 };
  let planAuthor: string | undefined;
  let planParagraphContent = -1;

  for (const a of analysed) {
    const { sentence, tokens, mentions, cues, triggers, clauses } = a;
    const reported = findReportedSpeaker(tokens, mentions, clauses, 0, tokens.length);
    const spansHere = overlapping(sentence);
    const sentenceSpeaker = reported && !spansHere.some((s) => s.start <= tokens[reported.verbAt]!.start && tokens[reported.verbAt]!.start < s.end) ? reported : undefined;
    const trailingAttribution = sentenceSpeaker !== undefined && !triggers.some((t) => t.start > sentenceSpeaker.verbAt);
    // A stance word inside a name ("White House press secretary") is part of the name.
    const active = triggers.filter((t) => !governed(tokens, cues, triggers, t) && !insideCue(cues, t)
      && !mentions.some((m) => m.start <= t.start && t.end <= m.end));
    const quotesHere = spansHere.flatMap((span) => {
      const speaker = speakers.get(span);
      return speaker ? [[span, speaker] as const] : [];
    });
    const ctx: HolderContext = {
      tokens, mentions, clauses,
      speakerAt(i) {
        const offset = tokens[i]?.start ?? sentence.start;
        for (const [span, speaker] of quotesHere) if (span.start <= offset && offset < span.end) return speaker;
        if (!sentenceSpeaker) return undefined;
        // "X said (that) ..." speaks for what follows; "..., X said." for what precedes.
        if (i > sentenceSpeaker.verbAt) return sentenceSpeaker;
        return trailingAttribution ? sentenceSpeaker : undefined;
      },
      demonymActor(token) {
        return token.capitalised ? compiled.actors.demonyms.get(token.lower) : undefined;
      },
    };
    const add = addFinding.bind(null, findings, sentence);

    // Stance triggers and the terms they reach.
    const reachedCues = new Set<CueMatch>();
    // A question asks; it does not state a stance ("Will Moscow accept a truce?").
    const question = tokens[tokens.length - 1]?.text === '?' || tokens[tokens.length - 2]?.text === '?';
    // "Critics argue that the Kremlin is stalling": what follows is a characterisation.
    const characterisedFrom = characterisation(tokens);
    for (const trigger of active) {
      if (trigger.hedged || question || trigger.start > characterisedFrom) continue;
      let reached: CueMatch[] = [];
      let anaphoric = false;
      if (trigger.cls === 'evaluative') {
        // "described the talks as useful": the judged thing sits between the verb and the judgement.
        const limit = leftLimit(tokens, clauses, trigger.start);
        reached = cuesLeft(tokens, clauses, trigger, cues, limit, active);
        if (reached.length === 0) reached = cuesRight(tokens, clauses, trigger, cues, active);
      } else {
        reached = cuesRight(tokens, clauses, trigger, cues, active);
      }
      const holders = findHolders(ctx, trigger, grammar.agentPrepositions[trigger.cls]);
      if (!holders) continue;
      if (reached.length === 0) {
        const earlier = cues.filter((c) => c.end <= trigger.start);
        if (pointsBack(tokens, trigger.end, demandAnaphora)) {
          reached = recent(lastDemand, sentence);
          anaphoric = true;
        } else if (trigger.cls === 'evaluative' && tokens.slice(Math.max(0, trigger.start - 4), trigger.start).some((t) => demandAnaphora.has(t.lower))) {
          reached = recent(lastDemand, sentence); // "called the demands unacceptable"
          anaphoric = true;
        } else if (pointsBack(tokens, trigger.end, anaphora) || (trigger.cls === 'evaluative' && tokens.slice(Math.max(0, trigger.start - 4), trigger.start).some((t) => anaphora.has(t.lower)))) {
          reached = earlier.length > 0 ? earlier.slice(-1) : recent(lastCues, sentence);
          anaphoric = true;
        } else if (leftScopeAllowed(tokens, trigger, holders.source)) {
          reached = cuesLeft(tokens, clauses, trigger, cues, leftLimit(tokens, clauses, trigger.start), active);
        }
      }
      if (reached.length === 0) continue;
      if (forUnknownParty(tokens, mentions, trigger)) continue;
      for (const cue of reached) reachedCues.add(cue);
      const speaker = ctx.speakerAt(trigger.start);
      const polarity = trigger.polarity * (trigger.negated ? -1 : 1);
      if (trigger.polarity === 1 && (trigger.cls === 'noun' || trigger.cls === 'verb') && /^(demand|condition)/i.test(trigger.text)) lastDemand = { cues: reached, index: sentence.index };
      for (const actor of holders.actors) {
        // Inside someone's speech, another side's stance is the speaker's characterisation of it.
        if (speaker && !speaker.actors.includes(actor)) continue;
        if (speaker?.speculative && holders.source !== 'subject') continue;
        const confidence = (anaphoric ? 0.55 : holders.source === 'speaker' ? 0.7 : 0.8) + (trigger.negated ? -0.05 : 0);
        for (const cue of reached) add(actor, cue, polarity, confidence, `trigger:${trigger.cls}:${holders.source}`, trigger);
      }
    }

    // Refusals without a stance verb: "Kyiv will never cede territory", "we won't join NATO".
    for (const cue of cues) {
      if (!cue.negated || reachedCues.has(cue) || cue.plan) continue;
      const negator = tokens[cue.negatorAt]!;
      const aux = tokens[cue.negatorAt - 1];
      // "There will be no ceasefire", "Zelensky: no territorial concessions": a flat "no" in someone's words.
      const flatNo = negator.lower === 'no' && (aux === undefined || copulas.has(aux.lower) || aux.text === ':' || aux.text === '"');
      if (flatNo) {
        const speaker = ctx.speakerAt(cue.negatorAt);
        for (const actor of speaker?.actors ?? []) add(actor, cue, 1, 0.6, 'refusal');
        continue;
      }
      if (!(negator.lower === 'never' || negator.lower.endsWith("n't") || (aux !== undefined && actionAuxiliaries.has(aux.lower)))) continue;
      if (tokens.slice(cue.negatorAt + 1, cue.start).some((t) => PASSIVE.has(t.lower))) continue;
      const subject = subjectLeft(tokens, mentions, cue.negatorAt, leftLimit(tokens, clauses, cue.negatorAt));
      const speaker = ctx.speakerAt(cue.negatorAt);
      const actors = Array.isArray(subject) ? [...new Set(subject.map((m) => m.actor!))]
        : subject === 'first-person' || (subject === 'plural-pronoun' && speaker && !speaker.quoted) ? speaker?.actors ?? [] : [];
      for (const actor of actors) {
        if (speaker && !speaker.actors.includes(actor)) continue;
        add(actor, cue, 1, 0.6, 'refusal');
      }
    }

    // Conditions: "we will fight on unless Kyiv leaves Donbas" is support for what the condition demands.
    for (const marker of conditionMarkers.findAll(tokens)) {
      const clause = clauses[marker.start];
      const inCondition = cues.filter((c) => c.start >= marker.end && clauses[c.start] === clause
        && !tokens.slice(marker.end, c.start).some((t) => t.text === ',' || t.text === ';'));
      if (inCondition.length === 0) continue;
      const subject = subjectLeft(tokens, mentions, marker.start, leftLimit(tokens, clauses, marker.start));
      const speaker = ctx.speakerAt(marker.start);
      const actors = Array.isArray(subject) ? [...new Set(subject.map((m) => m.actor!))]
        : subject === 'first-person' ? speaker?.actors ?? [] : speaker?.actors ?? [];
      for (const actor of actors) {
        if (speaker && !speaker.actors.includes(actor)) continue;
        for (const cue of inCondition) add(actor, cue, 1, 0.6, 'condition');
      }
    }

    // Plans: the author supports the plan and what it contains.
    const planCues = cues.filter((c) => c.plan);
    let content = false;
    let author: string | undefined;
    for (const plan of planCues) {
      const explicit = planAuthorOf(tokens, mentions, plan);
      if (explicit) {
        author = explicit;
        planAuthor = explicit;
        add(explicit, plan, 1, 0.65, 'plan-author');
      }
      const after = tokens.slice(plan.end, Math.min(tokens.length, plan.end + 14));
      const marker = planMarkers.findAll(after).length > 0 || tokens[plan.start - 1]?.lower === 'under' || tokens[plan.start - 2]?.lower === 'under';
      if (marker) content = true;
    }
    const continues = !content && planParagraphContent === sentence.paragraph && tokens.some((t) => WOULD.has(t.stem));
    if (content || continues) {
      const who = author ?? planAuthor;
      const firstPlan = planCues[0]?.start ?? 0;
      if (who) {
        for (const cue of cues) {
          if (cue.plan || (content && cue.start < firstPlan)) continue;
          add(who, cue, 1, 0.6, 'plan-content');
        }
      }
      planParagraphContent = sentence.paragraph;
    } else if (planCues.length > 0 || sentence.paragraph !== planParagraphContent) {
      planParagraphContent = -1;
    }

    if (cues.length > 0) lastCues = { cues, index: sentence.index };
    // "Russia struck Kyiv overnight. Zelensky condemned it.": a full statement in between is what "it" points to.
    else if (!question && tokens.filter((t) => t.isWord).length >= 8) lastCues = { cues: [], index: sentence.index };
  }
  return aggregate(doc.id, text, findings, compiled);
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
function characterisation(tokens: readonly Token[]): number {
  for (const m of nonActorSources.findAll(tokens)) {
    for (let i = m.end; i < Math.min(tokens.length, m.end + 3); i++) {
      if (characterisingVerbs.has(tokens[i]!.stem)) return i;
    }
  }
  return Infinity;
}

/** "rejects ceasefire offer": a noun after a term that a stance verb governs is that verb's object. */
function governed(tokens: readonly Token[], cues: readonly CueMatch[], triggers: readonly Trigger[], t: Trigger): boolean {
  if (t.cls === 'evaluative' || /(ed|ing)$/.test(tokens[t.start]!.lower)) return false;
  return cues.some((c) => c.end === t.start
    && triggers.some((p) => p !== t && p.cls === 'verb' && p.end <= c.start && tokens.slice(p.end, c.start).every((x) => determiners.has(x.lower))));
}

/** "its NATO bid": a stance word inside a term's own phrase is part of the name. */
function insideCue(cues: readonly CueMatch[], t: Trigger): boolean {
  return cues.some((c) => c.start <= t.start && t.end <= c.end);
}

/** Records one finding: the holder's polarity times the cue's (and the cue's own negation). */
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

/** "Trump's plan", "his proposed 28-point plan", "the US plan", "a plan drafted by X". */
function planAuthorOf(tokens: readonly Token[], mentions: readonly Mention[], plan: CueMatch): string | undefined {
  for (const m of mentions) {
    if (m.actor === undefined) continue;
    if (m.modifier && m.end === plan.start) return m.actor;
    if (m.kind === 'compound' && m.end <= plan.start && plan.start - m.end <= 2) return m.actor;
    if (m.possessive && m.end < plan.start && plan.start - m.end <= 4) {
      const between = tokens.slice(m.end, plan.start);
      if (between.every((t) => t.isWord || t.text === "'s")) return m.actor;
    }
    if (m.oblique === 'by' && m.start > plan.end && m.start - plan.end <= 3) return m.actor;
  }
  return undefined;
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
    const agreeing = stance === 'mixed' ? list : list.filter((f) => (stance === 'support') === (f.polarity > 0));
    const confidence = stance === 'mixed'
      ? Math.min(0.9, low / high)
      : Math.min(0.99, 1 - agreeing.reduce((p, f) => p * (1 - f.confidence), 1)) * (high / (support + oppose));
    const evidence: Evidence[] = [];
    const seen = new Set<string>();
    for (const f of list) {
      const k = `${f.sentence.start}:${f.cue}`;
      if (seen.has(k)) continue;
      seen.add(k);
      evidence.push({ sentence: text.slice(f.sentence.start, f.sentence.end), start: f.sentence.start, end: f.sentence.end, cue: f.cue, stance: f.polarity > 0 ? 'support' : 'oppose', rule: f.rule });
    }
    records.push({ document, actor, term, stance, confidence: Math.round(confidence * 1000) / 1000, evidence });
  }
  return records.sort((x, y) =>
    (compiled.actorOrder.get(x.actor) ?? 0) - (compiled.actorOrder.get(y.actor) ?? 0)
    || (compiled.termOrder.get(x.term) ?? 0) - (compiled.termOrder.get(y.term) ?? 0));
}
