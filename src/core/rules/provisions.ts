// Plan provisions written out one paragraph each (issue 8, kind 3; v13b): "Ukraine's sovereignty will be
// confirmed." / "The size of the Ukrainian Armed Forces will be limited to 600,000." / "NATO agrees not to
// station troops in Ukraine." under an article's account of a plan, with no colon, heading or numbers to
// open the list and sentences about the plan (who drafted it, who will discuss it) in between. A run of
// such paragraphs sets out the plan's contents for its authors; the sides named in them are what the
// plan provides for, not holders of a stance.
import { stanceLists } from '../lexicon/index.js';
import type { CueMatch } from '../polarity.js';
import type { Sentence, Token } from '../text.js';

/** Words that make a sentence a provision: the plan's future ("will", "would", "shall") or its parties' undertakings ("agrees"). */
const PROVISION_WORDS = new Set(stanceLists.provisionWords);
/** "Witkoff will travel to Moscow next week", "the EU will discuss sanctions on Thursday": news of what comes, not a plan's item. */
const PROVISION_TIME_WORDS = new Set(stanceLists.provisionTimeWords);
/** How many paragraphs in a row must read as provisions before any of them counts: one may be news of what comes next. */
export const PROVISION_RUN = 3;
/** How many paragraphs after the last naming of a plan with a known author a run may begin. */
const PROVISION_START_REACH = 4;
/** The most tokens of an item's label ("Point 1.", "12.", "Article 3:"). */
const LABEL_MAX_TOKENS = 3;
/** Longer sentences are reports, not the items of a plan. */
const PROVISION_MAX_TOKENS = 45;

export interface ProvisionRun {
  /** Paragraph of the run's last provision, or -9. */
  paragraph: number;
  /** How many provision paragraphs the run has. */
  count: number;
  /** The last paragraph whose first sentence (after any label) was read. */
  lastParagraph: number;
  /** Paragraph of the last sentence that named a plan whose author is known, or -9. */
  planParagraph: number;
  /** The plan's authors when the run began. */
  authors: readonly string[];
  /** Provisions of a run not yet long enough to count: credited when it is. */
  pending: Array<{ sentence: Sentence; cues: CueMatch[] }>;
}

export function newProvisionRun(): ProvisionRun {
  return { paragraph: -9, count: 0, lastParagraph: -9, planParagraph: -9, authors: [], pending: [] };
}

/**
 * A sentence written as a provision: a statement (no question, nobody reported speaking, no date of its own) of what will be
 * or what a party agrees to, short enough to be an item. `reported` is asked last: it is the dearest test.
 */
export function isProvision(tokens: readonly Token[], question: boolean, reported: () => boolean): boolean {
  if (question || tokens.length < 4 || tokens.length > PROVISION_MAX_TOKENS) return false;
  if (!tokens.some((t) => PROVISION_WORDS.has(t.lower)) || tokens.some((t) => PROVISION_TIME_WORDS.has(t.lower))) return false;
  return !reported();
}

/** "Point 1.", "12.", "Article 3:": an item's label, a sentence of its own before the provision. */
export function isItemLabel(tokens: readonly Token[]): boolean {
  if (tokens.length === 0 || tokens.length > LABEL_MAX_TOKENS) return false;
  const last = tokens[tokens.length - 1]!.text;
  return (last === '.' || last === ':' || last === ')') && tokens.some((t) => /^\d{1,2}$/.test(t.text));
}

/** What the run makes of this sentence: the provisions now to credit (this one's and any pending), or none. */
export interface ProvisionStep {
  credit: Array<{ sentence: Sentence; cues: CueMatch[] }>;
  authors: readonly string[];
}

/**
 * Follows the run through one sentence. `planAuthors` and `planNamed` (this sentence named the plan and its author is
 * known) come from the plan memory; `provision` says whether this sentence reads as one; `contents` gives the contents it
 * names that no other plan rule credited (none when one did: the run still goes on). Both are asked only inside a run.
 */
export function followProvisions(run: ProvisionRun, sentence: Sentence, tokens: readonly Token[], planAuthors: readonly string[] | undefined,
  planNamed: boolean, provision: () => boolean, contents: () => CueMatch[]): ProvisionStep | undefined {
  if (planNamed) run.planParagraph = sentence.paragraph;
  const first = sentence.paragraph !== run.lastParagraph;
  if (first && isItemLabel(tokens)) return undefined;
  run.lastParagraph = sentence.paragraph;
  if (first) {
    // A run that already counts outlasts one paragraph that is no provision ("Ukraine agrees to enshrine in its constitution that ...").
    const pauses = run.count >= PROVISION_RUN && run.paragraph === sentence.paragraph - 1;
    // Cheap tests first: the provision test reads the sentence's words, only where a run may go on or begin.
    const reachable = planAuthors !== undefined && ((run.count > 0 && run.paragraph >= sentence.paragraph - 2)
      || sentence.paragraph - run.planParagraph <= PROVISION_START_REACH);
    if (!reachable || !provision()) {
      if (pauses) return undefined;
      run.count = 0;
      run.paragraph = -9;
      run.pending = [];
      return undefined;
    }
    if (run.count > 0 && (run.paragraph === sentence.paragraph - 1 || (run.count >= PROVISION_RUN && run.paragraph === sentence.paragraph - 2))) run.count++;
    else if (sentence.paragraph - run.planParagraph <= PROVISION_START_REACH) {
      run.count = 1;
      run.authors = planAuthors;
      run.pending = [];
    } else return undefined;
    run.paragraph = sentence.paragraph;
  } else if (run.paragraph !== sentence.paragraph || run.count === 0 || !provision()) return undefined;
  const cues = contents();
  const here = cues.length > 0 ? [{ sentence, cues }] : [];
  if (run.count < PROVISION_RUN) {
    run.pending.push(...here);
    return undefined;
  }
  const credit = run.pending.concat(here);
  run.pending = [];
  return credit.length > 0 ? { credit, authors: run.authors } : undefined;
}
