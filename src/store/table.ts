// The physical table: its key attributes and secondary indexes. Shared by the
// store (which owns what goes into these attributes, see keys.ts), the local
// stack (which creates the table) and the CDK stack (which declares it).
// Every key attribute is a string. Each index projects only what its queries return
// (INCLUDE): the fields of a stance record, and what ingest knows of a document (id, title, url,
// source, publishedAt, textVersion, ingestedAt). A document's tag state (taggedWith, recordCount,
// tagRevision) is left out on purpose: tagging then changes no projected attribute, so it writes
// no index entry (a write unit a document); the listing and the re-tag sweep read it from the
// document items, one BatchGetItem a page. A document's text is never in an index.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** What a stances page returns (a record) and what a document listing returns; nothing else is copied. */
export const PROJECTED_ATTRIBUTES = [
  'type',
  'tracker',
  'document',
  'actor',
  'term',
  'stance',
  'confidence',
  'evidence',
  'evidenceTotal',
  'publishedAt',
  'title',
  'url',
  'id',
  // The rest of what ingest writes of a document that its listing (GET /documents) shows: never its text.
  'source',
  'textVersion',
  // Lets the re-tag fan-out leave alone documents just ingested (their tag message is on its way).
  'ingestedAt',
] as const;

const projection = { type: 'INCLUDE', attributes: PROJECTED_ATTRIBUTES } as const;

export const TABLE_INDEXES = [
  { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection },
  { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection },
] as const;

/** What the table's stream carries: the cell consumer diffs a document's `cells` before and after. */
export const TABLE_STREAM_VIEW = 'NEW_AND_OLD_IMAGES' as const;

export type IndexName = (typeof TABLE_INDEXES)[number]['indexName'];

/** CreateTable input for a local or test server (the CDK stack declares the same shape). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const attributes = [TABLE_KEY.partitionKey, TABLE_KEY.sortKey, ...TABLE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    // The matrix cells are applied from the stream (functions/cells.ts); the consumer needs both images.
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_STREAM_VIEW },
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection.type, NonKeyAttributes: [...index.projection.attributes] },
    })),
  };
}
