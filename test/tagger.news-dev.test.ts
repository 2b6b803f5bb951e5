// The real-news development set (news/dev: manifest, gold, and git-ignored texts). A fresh
// clone has no texts, so this skips and says so; where the texts are, it keeps tagger v11's
// figure on all 212 articles (triple F1 0.650, pair precision 0.905, with batch 10 unseen by v11; v10: 0.608
// and 0.892; the floors sit a little below) from falling back and checks that the off-topic articles get no record,
// but for the ones listed in KNOWN_OFF_TOPIC_RECORDS (open failures, each with its reason).
// STANCE_NEWS_DEV points elsewhere.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGoldFolder } from '../src/cli/eval.js';
import { score } from '../src/core/score.js';
import { gated } from './support/tagger.js';
import { tagDocument } from '../src/core/tagger.js';

const dir = process.env.STANCE_NEWS_DEV ?? 'news/dev';
/**
 * Off-topic articles the tagger still gives a record, kept visible rather than hidden: rn346 (batch 13, the EU's
 * gas ban) names "the Union's 19th sanctions package" as background, and the act of announcing it reads as the EU's
 * stance on sanctions relief; the gold has no record (docs/tagger.md, "Version 14 on unseen news").
 */
const KNOWN_OFF_TOPIC_RECORDS = new Set(['rn346_barentsobserver EU sanctions_relief']);
const present = existsSync(join(dir, 'manifest.jsonl')) && existsSync(join(dir, 'gold.jsonl'))
  && existsSync(join(dir, 'texts')) && readdirSync(join(dir, 'texts')).some((f) => f.endsWith('.txt'));
if (!present) console.log(`[tagger.news-dev] skipped: no real-news texts in ${dir}/texts (they are kept out of git)`);

describe.skipIf(!present)('the real-news development set', () => {
  it('scores at least triple F1 0.63 and pair precision 0.89, with no record on an off-topic article', async () => {
    const folder = await readGoldFolder(dir);
    const predicted = folder.texts.flatMap((t) => tagDocument({ id: t.document, text: t.text }, gated));
    const result = score(folder.gold, predicted);
    expect(result.triple.f1).toBeGreaterThanOrEqual(0.63);
    expect(result.pair.precision).toBeGreaterThanOrEqual(0.89);
    const offTopic = readFileSync(join(dir, 'manifest.jsonl'), 'utf8').trim().split('\n')
      .map((l) => JSON.parse(l) as { document: string; kind?: string }).filter((m) => m.kind === 'offtopic').map((m) => m.document);
    const onOffTopic = predicted.filter((r) => offTopic.includes(r.document)).map((r) => `${r.document} ${r.actor} ${r.term}`);
    expect(onOffTopic.filter((r) => !KNOWN_OFF_TOPIC_RECORDS.has(r))).toEqual([]);
  });
});
