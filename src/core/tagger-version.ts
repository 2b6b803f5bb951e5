// The rule tagger's version on its own, so that what only compares versions (the re-tag
// fan-out, the API's document view) does not carry the tagger's code and lexicons with it.

/** Bumped whenever tagging rules or lexicons change: stored records of older versions are re-tagged. */
export const TAGGER_VERSION = '14';
