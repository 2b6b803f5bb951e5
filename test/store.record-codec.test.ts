import { describe, expect, it } from 'vitest';
import * as keys from '../src/store/keys.js';
import * as model from '../src/store/model.js';

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

describe('stored cell entries of a document', () => {
  it('keep the publication time their records share once, and read back whole', () => {
    const at = '2025-11-21T09:00:00.000Z';
    const entries = [`RU\tpeace_plan\toppose\t${at}`, `US\tpeace_plan\tsupport\t${at}`];
    const packed = model.packCells(entries);
    expect(packed).toEqual({ cells: ['RU\tpeace_plan\toppose', 'US\tpeace_plan\tsupport'], at });
    expect(model.unpackCells(packed.cells, packed.at)).toEqual(entries);
    expect(model.countedCells({ cells: packed.cells, cellsAt: at, staleCells: ['UA\tceasefire\tmixed'], staleCellsAt: '2025-11-20T00:00:00.000Z' })).toMatchObject({
      cells: entries,
      staleCells: ['UA\tceasefire\tmixed\t2025-11-20T00:00:00.000Z'],
    });
  });

  it('keep entries of several times whole, and read entries stored whole as they are', () => {
    const mixed = ['RU\tpeace_plan\toppose\t2025-11-21T09:00:00.000Z', 'US\tpeace_plan\tsupport\t2025-11-22T09:00:00.000Z'];
    expect(model.packCells(mixed)).toEqual({ cells: mixed });
    expect(model.unpackCells(mixed, undefined)).toEqual(mixed);
    expect(model.packCells([])).toEqual({ cells: [] });
  });
});
