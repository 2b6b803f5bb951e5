// Layout: texts hard-wrapped at a fixed width (press releases, statements copied from a PDF)
// break their lines inside sentences. Sentence splitting reads every line break as the end of a
// sentence and a paragraph, so such a text is first unwrapped: a line break inside a paragraph
// becomes a space, one character for one, so every offset into the text stays valid.

/** What makes a text hard-wrapped, measured on its non-empty lines. */
export const WRAPPED_LAYOUT = {
  /** Fewer lines than this are a headline and a paragraph or two: never treated as wrapped. */
  minLines: 8,
  /** No line of a wrapped text is longer than this (wrapping widths are 60-80 characters). */
  maxLineLength: 100,
  /** At least this share of lines ends without sentence punctuation. */
  minOpenShare: 0.5,
} as const;

const SENTENCE_CLOSE = /[.!?;:"\u201D\u2019)\]]\s*$/;
const BULLET_LINE = /^\s*([-\u2013\u2014\u2022*\u25AA\u25CF\u00B7]|\d+[.)])(\s|$)/;

/** Whether the text is hard-wrapped: many short lines, most of them ending inside a sentence. */
export function hardWrapped(text: string): boolean {
  let lines = 0;
  let open = 0;
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    // Most texts have a paragraph a line: the first long line settles it without copying any.
    if (to - from > WRAPPED_LAYOUT.maxLineLength) return false;
    const line = text.slice(from, to);
    if (line.trim() !== '') {
      lines++;
      if (!SENTENCE_CLOSE.test(line)) open++;
    }
    from = to + 1;
  }
  return lines >= WRAPPED_LAYOUT.minLines && open / lines >= WRAPPED_LAYOUT.minOpenShare;
}

/**
 * The text with each line break inside a wrapped paragraph replaced by a space; unchanged when the
 * text is not hard-wrapped. A break stays after a line that ends a sentence, around blank lines and
 * before a bullet ("-", "1.").
 */
export function unwrapLines(text: string): string {
  if (text.indexOf('\n') < 0 || !hardWrapped(text)) return text;
  const lines = text.split('\n');
  let out = lines[0]!;
  for (let k = 1; k < lines.length; k++) {
    const prev = lines[k - 1]!;
    const next = lines[k]!;
    const join = prev.trim() !== '' && next.trim() !== '' && !SENTENCE_CLOSE.test(prev) && !BULLET_LINE.test(next);
    out += (join ? ' ' : '\n') + next;
  }
  return out;
}
