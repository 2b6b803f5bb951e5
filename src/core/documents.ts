// Documents as the voice of their sides (v13a): "the declaration outlines security guarantees", "Ukraine's memorandum
// envisages a ceasefire", "a declaration signed by France and Britain that lays out ...". A content verb is no stance word,
// but what a side's own document sets out is what the side put its name to (codebook: a side's stated position counts).
// Who the document's sides are is decided elsewhere: discourse's statement signatories ("the declaration" after "signed
// by A, B and C"), mentions' demonym documents ("the Russian memorandum"), an owner's possessive; this module only reads
// the content verb after such a subject and credits the cues of its object.
import { actorsOf, holdsInSpeech } from './attribution.js';
import { attributionLists, grammar } from './lexicon/index.js';
import type { Mention } from './mentions.js';
import { stemSet } from './phrases.js';
import { isNegator, type CueMatch } from './polarity.js';
import { CONFIDENCE, stanceOf, type SentenceView } from './rules.js';
import type { Token } from './text.js';

/** "outlines", "sets out", "provides for": one or two words (`attributionLists.documentContentVerbs`). */
const CONTENT_VERBS = attributionLists.documentContentVerbs.map((phrase) => phrase.split(' '));
const CONTENT_FIRST_WORDS = new Set(CONTENT_VERBS.map((words) => words[0]!));
const DOCUMENT_NOUNS = new Set([...grammar.documentNouns, ...attributionLists.ownedDocumentNouns, ...attributionLists.demonymDocumentNouns]);
/** Words between the document and its verb: "also", "further", "will", "would" (not "could": a hypothetical). */
const VERB_GROUP = new Set([...grammar.participleAdverbs, ...attributionLists.documentVerbGroup]);
const SIGNING_PARTICIPLES = new Set(attributionLists.documentSigningParticiples);
const RELATIVES = new Set(attributionLists.documentRelatives);
const DOCUMENT_DETERMINERS = new Set(attributionLists.documentDeterminers);
/** "stresses that ...", "outlines how ...": a verb that opens a clause reports it; the clause speaks for itself. */
const COMPLEMENTISERS = new Set(attributionLists.documentComplementisers);
/** How many paragraphs after a signature a bare "the declaration" is still the signed one. */
const SIGNED_MEMORY_PARAGRAPHS = 8;

/** The last sides named as signing or issuing a document, and the paragraph where they were (tagger's memory). */
export interface Signed {
  readonly actors: readonly string[];
  readonly paragraph: number;
}
/** How many modifiers may stand between an owner's "'s" or a determiner and the document noun ("a recently signed Paris declaration"). */
const OWNER_REACH = 4;
/** How far back from a relative "that" the signed document may stand ("a declaration signed by France and Britain that"). */
const SIGNED_REACH = 10;

const CONTENT_FIRST_STEMS = [...stemSet([...CONTENT_FIRST_WORDS])];
const LINK_HEADLINE_OPENERS = attributionLists.linkHeadlineOpeners.map((phrase) => phrase.split(' '));

/**
 * "READ ALSO: Ukraine Prepares New Peace Plan, Rejects Land Concessions", "Related: ...": a link to another article, an
 * opener of one or two words and a colon, is not this document's content (annotation rule 10). Reads the first three tokens.
 */
export function linkHeadline(tokens: readonly Token[]): boolean {
  if (!tokens[0]?.capitalised) return false;
  return LINK_HEADLINE_OPENERS.some((words) => tokens[words.length]?.text === ':' && words.every((w, j) => tokens[j]!.lower === w));
}
/**
 * The stem of a content verb's first word is among the sentence's stems (the set the tagger builds once per sentence for
 * the phrase indexes): a few set lookups, no scan of the tokens.
 */
export function mayHoldDocumentContent(stems: ReadonlySet<string>): boolean {
  for (const s of CONTENT_FIRST_STEMS) if (stems.has(s)) return true;
  return false;
}

/** The end (exclusive) of a content verb starting at `at`, or -1. */
function contentVerbEnd(tokens: readonly Token[], at: number): number {
  for (const words of CONTENT_VERBS) if (words.every((w, k) => tokens[at + k]?.lower === w)) return at + words.length;
  return -1;
}

/** A bare document subject ("the declaration", "a declaration that"): its sides are the last signatories (the caller's memory). */
const BARE = 'bare';

/**
 * The sides whose document is the subject of the verb at `verb`: a document mention the discourse resolved ("the
 * declaration" of known signatories, "the Russian memorandum"), a document owned by a side ("Ukraine's memorandum"),
 * a document signed by sides named right before ("a declaration signed by France and Britain that"), or BARE for a
 * document named by a determiner or a relative alone ("the declaration stresses", "the Paris declaration, which details").
 */
function documentSides(tokens: readonly Token[], mentions: readonly Mention[], verb: number): string[] | typeof BARE {
  let i = verb - 1;
  while (i >= 0 && VERB_GROUP.has(tokens[i]!.lower)) i--;
  if (i < 0) return [];
  if (RELATIVES.has(tokens[i]!.lower)) {
    i--;
    while (i >= 0 && (tokens[i]!.text === ',' || tokens[i]!.text === '"')) i--;
    if (i < 0) return [];
  }
  if (!DOCUMENT_NOUNS.has(tokens[i]!.lower)) return signedBefore(tokens, mentions, i + 1);
  const named = mentions.find((m) => m.end === i + 1 && m.start <= i && m.actor !== undefined);
  // "the declaration" the discourse gave its signatories is read as a bare one (the caller's speaker test).
  if (named) return named.kind === 'collective' ? BARE : actorsOf([named]);
  // "Ukraine's leaked memorandum": the owner's "'s", then lower-case modifiers; "the (Paris) declaration": bare.
  for (let j = i - 1; j >= Math.max(0, i - 1 - OWNER_REACH); j--) {
    const t = tokens[j]!;
    if (t.text === "'s" || t.text === "'") {
      const owner = mentions.find((m) => m.end === j && m.actor !== undefined);
      return owner ? actorsOf([owner]) : [];
    }
    if (DOCUMENT_DETERMINERS.has(t.lower)) return BARE;
    if (!t.isWord) return [];
  }
  return [];
}

/** "a declaration signed by France and Britain" ending right before `end`: the sides after the signing participle's "by". */
function signedBefore(tokens: readonly Token[], mentions: readonly Mention[], end: number): string[] {
  const last = mentions.findLast((m) => m.end === end && m.actor !== undefined && m.oblique === 'by');
  if (!last) return [];
  const by = mentions.filter((m) => m.oblique === 'by' && m.actor !== undefined && m.start >= end - SIGNED_REACH && m.end <= end);
  const first = by[0]!;
  const participle = first.start - 2;
  if (tokens[first.start - 1]?.lower !== 'by' || !SIGNING_PARTICIPLES.has(tokens[participle]?.lower ?? '')) return [];
  if (!DOCUMENT_NOUNS.has(tokens[participle - 1]?.lower ?? '')) return [];
  return actorsOf(by);
}

/**
 * "The declaration outlines a multinational force and security guarantees": each cue after the content verb, in its
 * clause, is supported by the document's sides (family 'voices'). A negated or hedged verb ("does not include", "could
 * include") gives nothing, nor a verb that opens a clause ("stresses that"), a cue a stance word before it reaches, a
 * question or a characterisation.
 */
export function applyDocumentContents(view: SentenceView, signed: Signed | undefined): void {
  const { sentence, tokens, mentions, cues, clauses, ctx, findings, active } = view;
  if (view.question || cues.length === 0) return;
  for (let v = 0; v < tokens.length; v++) {
    if (!CONTENT_FIRST_WORDS.has(tokens[v]!.lower)) continue;
    const end = contentVerbEnd(tokens, v);
    if (end < 0 || v >= view.characterisedFrom) continue;
    if (tokens.slice(Math.max(0, v - 3), end + 1).some(isNegator)) continue;
    const found = documentSides(tokens, mentions, v);
    const collective = found === BARE ? mentions.find((m) => m.kind === 'collective' && m.actor !== undefined && m.end <= v && v - m.end <= 2) : undefined;
    const sides = found !== BARE ? found : collective ? actorsOf([collective])
      : signed !== undefined && sentence.paragraph - signed.paragraph <= SIGNED_MEMORY_PARAGRAPHS ? signed.actors : [];
    if (sides.length === 0) continue;
    // "stresses that security guarantees are unacceptable": a clause the verb opens speaks for itself, with its own stance words.
    if (COMPLEMENTISERS.has(tokens[end]?.lower ?? '')) continue;
    // "outlines Russia's demands for neutrality": a cue a stance word before it reaches is that word's.
    const content: CueMatch[] = cues.filter((c) => c.start >= end && clauses[c.start] === clauses[v] && !c.negated && !c.plan
      && !active.some((t) => t.start >= end && t.start < c.start));
    if (content.length === 0) continue;
    const speaker = ctx.speakerAt(v);
    for (const actor of sides) {
      if (!holdsInSpeech(speaker, actor, 'subject', tokens, v)) continue;
      // "The document outlines ..., according to the Russian Foreign Ministry": a bare document another side reports is
      // that side's, not the last signatories'.
      if (found === BARE && speaker !== undefined && !speaker.actors.includes(actor)) continue;
      for (const cue of content) {
        findings.push({ actor, term: cue.term, polarity: stanceOf(cue.polarity), confidence: CONFIDENCE.planContent, sentence, cue: `${tokens.slice(v, end).map((t) => t.text).join(' ')} … ${cue.text}`, rule: 'document-content' });
      }
    }
    v = end - 1;
  }
}
