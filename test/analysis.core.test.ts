import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { alignment, cellChange, changes, netStance } from '../src/core/analysis.js';
import { actorTermGraphml, congruenceGraphml, CSV_COLUMNS, parseCsv, recordsCsv, type ExportRecord } from '../src/core/exports.js';

const rec = (document: string, actor: string, term: string, stance: ExportRecord['stance'], publishedAt: string, sentence = `${actor} on ${term}.`): ExportRecord => ({
  document,
  actor,
  term,
  stance,
  confidence: 0.9,
  publishedAt,
  title: `Title of ${document}`,
  url: `https://example.org/${document}`,
  evidence: [{ sentence, start: 0, end: sentence.length, cue: 'backs' }],
});

const records: ExportRecord[] = [
  rec('d1', 'RU', 'ceasefire', 'oppose', '2025-11-01T00:00:00.000Z'),
  rec('d1', 'UA', 'ceasefire', 'support', '2025-11-01T00:00:00.000Z'),
  rec('d1', 'US', 'ceasefire', 'support', '2025-11-01T00:00:00.000Z'),
  rec('d2', 'RU', 'ceasefire', 'support', '2025-11-05T00:00:00.000Z'),
  rec('d2', 'UA', 'peace_plan', 'oppose', '2025-11-05T00:00:00.000Z'),
  rec('d2', 'US', 'peace_plan', 'support', '2025-11-05T00:00:00.000Z'),
  rec('d3', 'UA', 'ceasefire', 'support', '2025-11-09T00:00:00.000Z'),
];
const actors = ['RU', 'UA', 'US', 'EU'];

describe('alignment: the congruence network', () => {
  it('counts, for each pair, the terms where both spoke and where they took the same stance', () => {
    const pairs = alignment(records, actors);
    const ua_us = pairs.find((p) => p.a === 'UA' && p.b === 'US')!;
    expect(ua_us).toMatchObject({ sharedTerms: 2, agreeingTerms: 1, congruence: 1, conflict: 1, agreement: 0.5 });
    expect(ua_us.terms).toEqual([
      { term: 'ceasefire', a: ['support'], b: ['support'] },
      { term: 'peace_plan', a: ['oppose'], b: ['support'] },
    ]);
    // RU both opposed and supported the ceasefire: it agrees with UA and US on it, and conflicts too.
    expect(pairs.find((p) => p.a === 'RU' && p.b === 'UA')).toMatchObject({ sharedTerms: 1, agreeingTerms: 1, congruence: 1, conflict: 1, agreement: 1 });
    expect(pairs.some((p) => p.a === 'EU' || p.b === 'EU')).toBe(false);
    expect(pairs[0]!.agreement).toBeGreaterThanOrEqual(pairs.at(-1)!.agreement);
  });

  it('looks only at the window', () => {
    const pairs = alignment(records, actors, { from: '2025-11-02T00:00:00.000Z' });
    expect(pairs).toEqual([
      expect.objectContaining({ a: 'RU', b: 'UA', sharedTerms: 1, agreeingTerms: 1, conflict: 0, agreement: 1 }),
      expect.objectContaining({ a: 'UA', b: 'US', sharedTerms: 1, agreeingTerms: 0, conflict: 1, agreement: 0 }),
    ]);
    expect(alignment(records, actors, { to: '2025-10-01T00:00:00.000Z' })).toEqual([]);
  });
});

describe('changes: cells whose latest stance differs from the one before', () => {
  it('finds RU on the ceasefire, from oppose to support, with both documents', () => {
    expect(changes(records)).toEqual([
      {
        actor: 'RU',
        term: 'ceasefire',
        latest: { at: '2025-11-05T00:00:00.000Z', document: 'd2', stance: 'support' },
        previous: { at: '2025-11-01T00:00:00.000Z', document: 'd1', stance: 'oppose' },
      },
    ]);
  });

  it('compares the two newest records inside the window only', () => {
    expect(changes(records, { to: '2025-11-04T00:00:00.000Z' })).toEqual([]);
    expect(changes(records, { from: '2025-11-02T00:00:00.000Z' })).toEqual([]);
    const entries = [
      { at: '2025-11-03', document: 'x', stance: 'mixed' as const },
      { at: '2025-11-02', document: 'y', stance: 'mixed' as const },
      { at: '2025-11-01', document: 'z', stance: 'oppose' as const },
    ];
    expect(cellChange('A', 'T', entries)).toBeUndefined();
    expect(cellChange('A', 'T', entries, { to: '2025-11-02' })?.previous.document).toBe('z');
    // Two documents of the same moment: neither is before the other.
    const tie = [
      { at: '2025-11-03', document: 'p', stance: 'support' as const },
      { at: '2025-11-03', document: 'q', stance: 'oppose' as const },
    ];
    expect(cellChange('A', 'T', tie)).toBeUndefined();
    expect(cellChange('A', 'T', [...tie, { at: '2025-11-01', document: 'r', stance: 'mixed' as const }])?.previous.document).toBe('r');
  });

  it('nets a cell in [-1, 1]', () => {
    expect(netStance({ support: 3, oppose: 1, total: 5 })).toBe(0.4);
    expect(netStance({ support: 0, oppose: 0, total: 0 })).toBe(0);
  });
});

describe('the statement table as CSV', () => {
  it('starts with DNA columns and reads back into the records, quotes and line breaks included', () => {
    const tricky = { ...rec('d9', 'EU', 'sanctions_relief', 'mixed', '2025-11-10T00:00:00.000Z', 'He said "no, never",\nthen "maybe".'), title: undefined, url: undefined };
    const rows = parseCsv(recordsCsv([...records, tricky]));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows[0]!.slice(0, 5)).toEqual(['actor', 'concept', 'agreement', 'date', 'text']);
    expect(rows).toHaveLength(records.length + 2);
    const back = rows.slice(1).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]])));
    expect(back.at(-1)).toMatchObject({ actor: 'EU', concept: 'sanctions_relief', agreement: '0', text: 'He said "no, never",\nthen "maybe".', url: '', title: '' });
    expect(back[0]).toMatchObject({ actor: 'RU', agreement: '-1', date: '2025-11-01T00:00:00.000Z', stance: 'oppose', confidence: '0.9', document: 'd1', cue: 'backs' });
    expect(recordsCsv([], { header: false })).toBe('');
  });

  it('keeps a text cell a spreadsheet would run as a formula as text, and reads every text back as it was', () => {
    const texts = ['=HYPERLINK("http://x.example","click")', '+1 more', '-- Ukraine rejects it', '@once', "'=already guarded", "'quoted', he said", 'plain'];
    const rows = texts.map((t, i) => ({ ...rec(`f${i}`, 'EU', 'ceasefire', 'oppose', '2025-11-10T00:00:00.000Z', t), title: t, url: undefined }));
    const csv = recordsCsv(rows);
    const lines = parseCsv(csv).slice(1);
    const at = (c: string) => CSV_COLUMNS.indexOf(c as never);
    expect(lines.map((l) => l[at('text')])).toEqual(texts);
    expect(lines.map((l) => l[at('title')])).toEqual(texts);
    // In the file itself, no cell starts with a formula character; numbers (agreement -1) are not texts.
    const cells = csv.split('\r\n').slice(1, -1).map((line) => line.split(','));
    expect(cells[0]![at('text')]).toBe(`"'=HYPERLINK(""http://x.example""`);
    expect(cells[2]![at('text')]).toBe("'-- Ukraine rejects it");
    expect(cells[4]![at('text')]).toBe("''=already guarded");
    expect(cells[5]![at('text')]).toBe(`"'quoted'`);
    expect(cells[6]![at('agreement')]).toBe('-1');
  });
});

describe('GraphML', () => {
  const names = { actors: actors.map((id) => ({ id, name: `Name of ${id} & co` })), terms: [{ id: 'ceasefire', name: 'Ceasefire' }, { id: 'peace_plan', name: 'Peace <plan>' }] };
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['node', 'edge', 'data', 'key'].includes(name) });

  it('writes the actor-term network with agreement on each edge', () => {
    const text = actorTermGraphml(records, names);
    expect(XMLValidator.validate(text)).toBe(true);
    const graph = parser.parse(text).graphml.graph;
    expect(graph.node.map((n: { id: string }) => n.id)).toEqual(['actor:RU', 'actor:UA', 'actor:US', 'term:ceasefire', 'term:peace_plan']);
    expect(graph.edge).toHaveLength(5);
    const ru = graph.edge.find((e: { source: string; target: string }) => e.source === 'actor:RU' && e.target === 'term:ceasefire');
    const data = Object.fromEntries(ru.data.map((d: { key: string; '#text': unknown }) => [d.key, d['#text']]));
    expect(data).toMatchObject({ agreement: 0, weight: 2, support: 1, oppose: 1, latest: 'support' });
  });

  it('writes the congruence network: an edge for each pair sharing a (term, stance)', () => {
    const text = congruenceGraphml(records, names);
    expect(XMLValidator.validate(text)).toBe(true);
    const graph = parser.parse(text).graphml.graph;
    expect(graph.node.map((n: { id: string }) => n.id)).toEqual(['RU', 'UA', 'US']);
    const pairs = graph.edge.map((e: { source: string; target: string }) => `${e.source}-${e.target}`).sort();
    expect(pairs).toEqual(['RU-UA', 'RU-US', 'UA-US']);
    expect(text).toContain('Name of RU &amp; co');
  });
});
