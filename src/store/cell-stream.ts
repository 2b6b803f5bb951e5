// The matrix from the table's stream (no AWS in here): a batch of changes of document items
// (their images before and after) becomes, per matrix cell, the counts to ADD and what its
// latest-record item may have to do. The DynamoDB side (dynamo/cells.ts) applies them.
//
// Exactly once: every contribution carries the stream sequence number of the change it comes
// from. A cell item remembers, per stream shard, the highest sequence number it has counted;
// a shard's records arrive in order, a batch is retried (whole or bisected) until it succeeds,
// and each cell's update is one conditional write of all of the batch's new contributions to
// it. So a cell has counted exactly the contributions of its shard up to its mark, and a
// redelivered, retried or bisected batch adds only what lies above it (`pendingCounts`).
import * as z from 'zod';
import { cellDeltas, unpackCells } from './model.js';
import type { Stance } from '../core/tracker.js';

/** What the matrix needs of a document item's image (the rest of the item is ignored). */
export const DocumentImageSchema = z
  .object({ id: z.string(), tracker: z.string(), cells: z.array(z.string()).default([]), cellsAt: z.string().optional(), tagRevision: z.number().int() })
  .transform(({ cellsAt, ...image }) => ({ ...image, cells: unpackCells(image.cells, cellsAt) }));
export type DocumentImage = z.output<typeof DocumentImageSchema>;

/** One stream record of a document item. */
export interface DocumentChange {
  sequence: string;
  before?: DocumentImage | undefined;
  after?: DocumentImage | undefined;
}

export interface Counts {
  support: number;
  oppose: number;
  mixed: number;
  total: number;
}

export interface CellContribution extends Counts {
  sequence: bigint;
}

/** What one document of the batch means for a cell's latest record. */
export interface LatestCandidate {
  document: string;
  /** The document's tag revision after the batch. */
  rev: number;
  /** Its record in the cell after the batch, if any. */
  after?: { stance: Stance; publishedAt: string };
  /** It had a record in the cell that is gone or moved in time. */
  removedOrMoved: boolean;
}

export interface CellChanges {
  tracker: string;
  actor: string;
  term: string;
  contributions: CellContribution[];
  documents: LatestCandidate[];
}

export const cellId = (c: { tracker: string; actor: string; term: string }) => `${c.tracker}\t${c.actor}\t${c.term}`;

/** A sequence number as a number: they are decimal strings of up to 40 digits. */
export function sequenceValue(sequence: string): bigint {
  if (!/^\d{1,64}$/.test(sequence)) throw new Error(`not a stream sequence number: ${sequence}`);
  return BigInt(sequence);
}

/** The cells a batch of document changes moves, in stream order within each cell. */
export function cellChanges(changes: readonly DocumentChange[]): CellChanges[] {
  const byCell = new Map<string, CellChanges & { docs: Map<string, LatestCandidate> }>();
  for (const change of changes) {
    const image = change.after ?? change.before;
    if (!image) continue;
    const deltas = cellDeltas(change.before?.cells ?? [], change.after?.cells ?? []);
    for (const d of deltas) {
      const id = cellId({ tracker: image.tracker, actor: d.actor, term: d.term });
      let cell = byCell.get(id);
      if (!cell) {
        cell = { tracker: image.tracker, actor: d.actor, term: d.term, contributions: [], documents: [], docs: new Map() };
        byCell.set(id, cell);
      }
      if (d.support || d.oppose || d.mixed || d.total) {
        cell.contributions.push({ sequence: sequenceValue(change.sequence), support: d.support, oppose: d.oppose, mixed: d.mixed, total: d.total });
      }
      const seen = cell.docs.get(image.id);
      const candidate: LatestCandidate = {
        document: image.id,
        rev: change.after?.tagRevision ?? image.tagRevision,
        ...(d.after ? { after: d.after } : {}),
        removedOrMoved: d.removedOrMoved || (seen?.removedOrMoved ?? false) || (!!seen?.after && (!d.after || d.after.publishedAt !== seen.after.publishedAt)),
      };
      cell.docs.set(image.id, candidate);
    }
  }
  return [...byCell.values()].map(({ docs, ...cell }) => ({ ...cell, documents: [...docs.values()] }));
}

/** The counts of the contributions above a shard's mark, and the new mark; undefined when there are none. */
export function pendingCounts(contributions: readonly CellContribution[], mark: bigint | undefined): (Counts & { through: bigint }) | undefined {
  const fresh = contributions.filter((c) => mark === undefined || c.sequence > mark);
  if (!fresh.length) return undefined;
  const sum = { support: 0, oppose: 0, mixed: 0, total: 0, through: fresh[0]!.sequence };
  for (const c of fresh) {
    sum.support += c.support;
    sum.oppose += c.oppose;
    sum.mixed += c.mixed;
    sum.total += c.total;
    if (c.sequence > sum.through) sum.through = c.sequence;
  }
  return sum;
}

/** The newest record a batch offers a cell: greatest (publishedAt, document). */
export function newestCandidate(documents: readonly LatestCandidate[]): (LatestCandidate & { after: NonNullable<LatestCandidate['after']> }) | undefined {
  let best: (LatestCandidate & { after: NonNullable<LatestCandidate['after']> }) | undefined;
  for (const d of documents) {
    if (!d.after) continue;
    if (!best || `${d.after.publishedAt}#${d.document}` > `${best.after.publishedAt}#${best.document}`) best = d as typeof best;
  }
  return best;
}

