// Write and read units as AWS bills them, for the store benchmark (bench/store.bench.ts).
//
// A middleware on the DynamoDB client sees every request in its marshalled form. Reads are
// charged what DynamoDB Local reports (ReturnConsumedCapacity INDEXES). Writes are charged
// from the items themselves, before and after each write (read through a second client that
// is not metered): 1 unit per started KB of the larger image, doubled in a transaction; and
// for every secondary index, as AWS bills them, 1 unit per started KB of the projected entry
// for an entry written, for one changed in a projected attribute, for one removed, and 2 when
// the index key changes (a delete and a put).
import { DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { TABLE_INDEXES, TABLE_KEY } from '../src/store/table.js';

type Item = Record<string, AttributeValue>;

export interface Ledger {
  /** write units by family and target (table or index name) */
  writes: Map<string, number>;
  /** read units by request label */
  reads: Map<string, number>;
  requests: number;
}

export function newLedger(): Ledger {
  return { writes: new Map(), reads: new Map(), requests: 0 };
}

function valueSize(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S, 'utf8');
  if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.L) return 3 + v.L.reduce((n, e) => n + 1 + valueSize(e), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((n, [k, e]) => n + 1 + Buffer.byteLength(k) + valueSize(e), 0);
  if (v.SS) return v.SS.reduce((n, s) => n + Buffer.byteLength(s), 0);
  if (v.NS) return v.NS.reduce((n, s) => n + s.length, 0);
  if (v.BS) return v.BS.reduce((n, b) => n + b.byteLength, 0);
  return 0;
}

export function itemSize(item: Item): number {
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + valueSize(v), 0);
}

const kb = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** An item's family, from its key: the row of the cost table it is charged to. */
export function family(item: Item | undefined): string {
  const pk = item?.[TABLE_KEY.partitionKey]?.S ?? '';
  const sk = item?.[TABLE_KEY.sortKey]?.S ?? '';
  if (pk.startsWith('TRACKER#')) return sk === 'META' ? 'tracker' : 'cell';
  if (pk.startsWith('DOC#')) return sk === 'META' ? 'document' : sk.startsWith('REC#') ? 'record' : sk.startsWith('TEXT') ? 'document text' : `document ${sk.split('#')[0]}`;
  if (pk.startsWith('TEXT#')) return 'text guard';
  if (pk.startsWith('TL#') || pk.startsWith('TERM#') || pk.startsWith('ACTOR#')) return 'record';
  return pk.split('#')[0]!.toLowerCase() || 'other';
}

function projected(item: Item | undefined, index: (typeof TABLE_INDEXES)[number]): Item | undefined {
  if (!item || !item[index.partitionKey] || !item[index.sortKey]) return undefined;
  const projection = (index as { projection?: { type: string; attributes?: readonly string[] } }).projection ?? { type: 'ALL' };
  if (projection.type === 'ALL') return item;
  const keep = new Set<string>([TABLE_KEY.partitionKey, TABLE_KEY.sortKey, index.partitionKey, index.sortKey, ...(projection.attributes ?? [])]);
  return Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k)));
}

/** Attribute order is not part of an item: compared with keys sorted, at every level. */
function canonical(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}
const same = (a: Item | undefined, b: Item | undefined) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function charge(ledger: Ledger, name: string, units: number): void {
  ledger.writes.set(name, (ledger.writes.get(name) ?? 0) + units);
}

/** Charges one write of `before` -> `after` (either may be absent). */
export function chargeWrite(ledger: Ledger, before: Item | undefined, after: Item | undefined, transactional: boolean): void {
  const fam = family(after ?? before);
  const base = kb(Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0));
  charge(ledger, `${fam}|table`, base * (transactional ? 2 : 1));
  for (const index of TABLE_INDEXES) {
    const b = projected(before, index);
    const a = projected(after, index);
    let units = 0;
    if (a && b) {
      const keyChanged = a[index.partitionKey]!.S !== b[index.partitionKey]!.S || a[index.sortKey]!.S !== b[index.sortKey]!.S;
      if (keyChanged) units = kb(itemSize(b)) + kb(itemSize(a));
      else if (!same(a, b)) units = kb(Math.max(itemSize(a), itemSize(b)));
    } else if (a) units = kb(itemSize(a));
    else if (b) units = kb(itemSize(b));
    if (units) charge(ledger, `${fam}|${index.indexName}`, units);
  }
}

interface WriteAction {
  table: string;
  key: Item;
}

/** Keys arrive marshalled or not, depending on where lib-dynamodb marshals: either way, as AttributeValues. */
function keyOf(item: Record<string, unknown>): Item {
  const key = { [TABLE_KEY.partitionKey]: item[TABLE_KEY.partitionKey], [TABLE_KEY.sortKey]: item[TABLE_KEY.sortKey] };
  return typeof key.pk === 'string' ? marshall(key) : (key as Item);
}

function writeActions(command: string, input: any): { actions: WriteAction[]; transactional: boolean } {
  switch (command) {
    case 'PutItemCommand':
      return { actions: [{ table: input.TableName, key: keyOf(input.Item) }], transactional: false };
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return { actions: [{ table: input.TableName, key: keyOf(input.Key) }], transactional: false };
    case 'TransactWriteItemsCommand':
      return {
        transactional: true,
        actions: (input.TransactItems ?? [])
          .filter((t: any) => !t.ConditionCheck)
          .map((t: any) => (t.Put ? { table: t.Put.TableName, key: keyOf(t.Put.Item) } : t.Update ? { table: t.Update.TableName, key: keyOf(t.Update.Key) } : { table: t.Delete.TableName, key: keyOf(t.Delete.Key) })),
      };
    case 'BatchWriteItemCommand':
      return {
        transactional: false,
        actions: Object.entries(input.RequestItems ?? {}).flatMap(([table, requests]) =>
          (requests as any[]).map((r) => ({ table, key: r.PutRequest ? keyOf(r.PutRequest.Item) : keyOf(r.DeleteRequest.Key) })),
        ),
      };
    default:
      return { actions: [], transactional: false };
  }
}

/**
 * Meters `client` into `ledger()` (undefined: not metered). `label` names the read requests.
 * `raw` reads the before and after images without being metered.
 */
export function meter(client: DynamoDBClient, raw: DynamoDBClient, ledger: () => Ledger | undefined): void {
  const read = async (table: string, key: Item) => { return (await raw.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item; };
  client.middlewareStack.add(
    (next, context) => async (args: any) => {
      const l = ledger();
      if (!l) return next(args);
      const command = String(context.commandName);
      l.requests++;
      args.input.ReturnConsumedCapacity = 'INDEXES';
      const { actions, transactional } = writeActions(command, args.input);
      const befores = await Promise.all(actions.map((a) => read(a.table, a.key)));
      let result;
      try {
        result = await next(args);
      } catch (err) {
        // A cancelled transaction or a failed condition is still billed: as its writes, for a transaction.
        if (transactional) for (const before of befores) chargeWrite(l, before, before, true);
        else for (const before of befores) if (before) chargeWrite(l, before, before, false);
        throw err;
      }
      // BatchWriteItem may leave some unprocessed: those cost nothing yet.
      const unprocessed = new Set(
        Object.values((result.output as any).UnprocessedItems ?? {}).flatMap((rs: any) => rs.map((r: any) => JSON.stringify(r.PutRequest ? keyOf(r.PutRequest.Item) : keyOf(r.DeleteRequest.Key)))),
      );
      await Promise.all(
        actions.map(async (a, i) => {
          if (unprocessed.has(JSON.stringify(a.key))) return;
          chargeWrite(l, befores[i], await read(a.table, a.key), transactional);
        }),
      );
      if (!actions.length) {
        const consumed = ([] as any[]).concat((result.output as any).ConsumedCapacity ?? []);
        const units = consumed.reduce((n, c) => n + (c.ReadCapacityUnits ?? c.CapacityUnits ?? 0), 0);
        const name = command.replace(/Command$/, '') + (args.input.IndexName ? ` ${args.input.IndexName}` : '');
        l.reads.set(name, (l.reads.get(name) ?? 0) + units);
      }
      return result;
    },
    { step: 'serialize', priority: 'high', name: 'stanceCapacityMeter' },
  );
}

export function sum(map: Map<string, number>): number {
  return [...map.values()].reduce((a, b) => a + b, 0);
}
