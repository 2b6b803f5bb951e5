// The prompt's version on its own (see prompt.ts), so that what only compares tagger versions
// does not carry the prompt's text with it.

/** Bump on any change to prompt.ts or tool.ts: it is part of the tagger version stored with every record. */
export const PROMPT_VERSION = 'p1';
