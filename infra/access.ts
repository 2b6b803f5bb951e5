// What each function may do, as one list per function: the DynamoDB and SQS actions its
// code sends (src/store/store.ts, src/queue.ts) and nothing else. A transaction needs no
// action of its own: IAM checks the PutItem, UpdateItem and DeleteItem inside it. The CDK
// grant helpers would add Scan, stream reads and DescribeTable, which no function calls,
// and BatchWriteItem where only tagging (records in parts) calls it; a new call in the store needs its action added here (infra tests check).
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IndexName } from '../src/store/table.js';
import type { HandlerName } from './handler-function.js';

type TableAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem';
type QueueAction = 'SendMessage' | 'ReceiveMessage' | 'DeleteMessage' | 'GetQueueAttributes';

export interface FunctionAccess {
  /** Actions on the table's items. */
  table: readonly TableAction[];
  /** Indexes the function queries (dynamodb:Query on each). */
  queriedIndexes: readonly IndexName[];
  /** Actions on the tag queue. */
  tagQueue: readonly QueueAction[];
}

/** Reads the tracker and the text guards, stores documents (Put, Delete in a transaction). */
const INGEST: FunctionAccess = { table: ['GetItem', 'PutItem', 'DeleteItem'], queriedIndexes: [], tagQueue: ['SendMessage'] };
/** Reads a document (Query of its partition), writes records (BatchWriteItem), commits the document (UpdateItem). */
const TAG_TABLE: Pick<FunctionAccess, 'table' | 'queriedIndexes'> = {
  table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'],
  queriedIndexes: [],
};

export const FUNCTION_ACCESS: Record<HandlerName, FunctionAccess> = {
  ingest: INGEST,
  // The SQS event source mapping polls with the function's role: receive, delete, read attributes.
  tag: { ...TAG_TABLE, tagQueue: ['ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'] },
  // A document's text and records are a BatchGetItem; the documents listing is gsi2, the actor view gsi3.
  query: { table: ['GetItem', 'BatchGetItem', 'Query'], queriedIndexes: ['gsi2', 'gsi3'], tagQueue: [] },
  // The ingest path for feed items, source state and cursors, stale documents found on the documents listing (gsi2); the re-tag
  // fan-out reads the queue's depth before it sends them to the tag queue (the tag function tags them).
  // The stream consumer: reads cells and their latest records (BatchGetItem, GetItem), ADDs counts and moves
  // the latest records (UpdateItem, PutItem, DeleteItem), refills a cell from the actor-term timeline (Query of a term's partition).
  cells: { table: ['GetItem', 'BatchGetItem', 'Query', 'UpdateItem', 'PutItem', 'DeleteItem'], queriedIndexes: [], tagQueue: [] },
  reingest: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'], queriedIndexes: ['gsi2'], tagQueue: ['SendMessage', 'GetQueueAttributes'] },
  // Fetches and parses untrusted pages for reingest (which may invoke it, stack.ts): no table, no queue.
  article: { table: [], queriedIndexes: [], tagQueue: [] },
};

/** Adds the function's statements from its list, on exactly the table, its named indexes and the queue. */
export function grantAccess(fn: IFunction, access: FunctionAccess, on: { table: ITable; tagQueue: IQueue }): void {
  if (access.table.length) fn.addToRolePolicy(new PolicyStatement({ actions: access.table.map((a) => `dynamodb:${a}`), resources: [on.table.tableArn] }));
  if (access.queriedIndexes.length) {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:Query'], resources: access.queriedIndexes.map((index) => `${on.table.tableArn}/index/${index}`) }),
    );
  }
  if (access.tagQueue.length) {
    fn.addToRolePolicy(new PolicyStatement({ actions: access.tagQueue.map((a) => `sqs:${a}`), resources: [on.tagQueue.queueArn] }));
  }
}
