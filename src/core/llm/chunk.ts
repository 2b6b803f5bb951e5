// Long articles go to the model in parts that fit its input-token limit, cut on paragraph
// boundaries (a paragraph longer than a part is cut between sentences, a sentence longer
// than a part between words). Each part keeps its offsets in the original text.
import { splitSentences } from '../text.js';

/**
 * Tokens a text costs, estimated as one per 4 characters: close to what Claude and Nova
 * tokenizers count on English news (the usage in each answer gives the real figure).
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export interface TextPart {
  start: number;
  end: number;
  text: string;
}

/** Spans [start, end) of the text's paragraphs (runs of non-empty lines' text between line breaks). */
function paragraphs(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/[^\n]+/g)) {
    const body = m[0].trim();
    if (!body) continue;
    const start = m.index + m[0].indexOf(body);
    out.push([start, start + body.length]);
  }
  return out;
}

/** Cuts [start, end) into pieces of at most `maxChars`, between sentences, else between words. */
function cutLong(text: string, start: number, end: number, maxChars: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const sentences = splitSentences(text.slice(start, end)).map((s) => [start + s.start, start + s.end] as [number, number]);
  for (const [s, e] of sentences.length ? sentences : [[start, end] as [number, number]]) {
    let from = s;
    while (e - from > maxChars) {
      const space = text.lastIndexOf(' ', from + maxChars);
      const cut = space > from ? space : from + maxChars;
      out.push([from, cut]);
      from = cut;
      while (text[from] === ' ') from++;
    }
    if (from < e) out.push([from, e]);
  }
  return out;
}

/** The text in parts of at most `maxTokens` (estimated) each, whole paragraphs where they fit. */
export function splitIntoParts(text: string, maxTokens: number): TextPart[] {
  const maxChars = Math.max(1, maxTokens * 4);
  const pieces: Array<[number, number]> = [];
  for (const [s, e] of paragraphs(text)) {
    if (e - s <= maxChars) pieces.push([s, e]);
    else pieces.push(...cutLong(text, s, e, maxChars));
  }
  const parts: TextPart[] = [];
  let current: [number, number] | undefined;
  for (const piece of pieces) {
    if (current && piece[1] - current[0] <= maxChars) current[1] = piece[1];
    else {
      if (current) parts.push({ start: current[0], end: current[1], text: text.slice(current[0], current[1]) });
      current = [piece[0], piece[1]];
    }
  }
  if (current) parts.push({ start: current[0], end: current[1], text: text.slice(current[0], current[1]) });
  return parts;
}
