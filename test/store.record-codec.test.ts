import { describe, expect, it } from 'vitest';
import * as keys from '../src/store/keys.js';

describe('stored record codec', () => {
  it('stores a sentence repeated by a second evidence once and reads it back whole', () => {
    const sentence = 'x'.repeat(300);
    const record = {
      tracker: 't', document: 'd1', actor: 'US', term: 'peace_plan', stance: 'support' as const, confidence: 0.8, publishedAt: '2025-11-21T09:00:00.000Z',
      evidence: [
        { sentence, start: 10, end: 310, cue: 'a', rule: 'r1' },
        { sentence, start: 10, end: 310, cue: 'b', rule: 'r2' },
        { sentence: 'other', start: 400, end: 405, cue: 'c' },
      ],
    };
    const item = keys.recordItem(record) as unknown as { evidence: Record<string, unknown>[] };
    expect(item.evidence[0]!.sentence).toBe(sentence);
    expect(item.evidence[1]!.sentence).toBeUndefined();
    expect(item.evidence[2]!.sentence).toBe('other');
    const back = keys.recordFromItem(item as never);
    expect(back.evidence).toEqual(record.evidence);
    expect(back).toMatchObject({ tracker: 't', document: 'd1', term: 'peace_plan', publishedAt: record.publishedAt });
  });
});
