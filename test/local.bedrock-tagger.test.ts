// The local stack running a tracker tagged by a Bedrock model, the model mocked with
// aws-sdk-client-mock: POST -> ingest handler -> SQS shim -> tag handler -> Converse (mocked)
// -> verification -> DynamoDB Local -> GET, with the tagger version and tokens on the document.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockRuntimeClient, ConverseCommand, ThrottlingException } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentResponseSchema, IngestResponseSchema, MatrixResponseSchema } from '../src/api/schemas.js';
import type { ConverseRequest } from '../src/core/llm/converse.js';
import { startLocalStack, type LocalStack } from '../src/local/stack.js';
import { localEndpoint } from './support/dynamodb.js';
import { MODEL_ID, recordsAnswer } from './support/llm.js';

const bedrock = mockClient(BedrockRuntimeClient);
const dir = mkdtempSync(join(tmpdir(), 'stance-bedrock-'));
const trackerFile = join(dir, 'tracker.json');
writeFileSync(trackerFile, JSON.stringify({ ...JSON.parse(readFileSync('seeds/tracker.json', 'utf8')), id: 'bedrock-local', tagger: { kind: 'bedrock', modelId: MODEL_ID } }));

const article = [
  'Kremlin rejects ceasefire as talks stall',
  'Russia rejected an immediate ceasefire on Monday, the Kremlin said. Ukraine supports a ceasefire along the current front line, Zelensky said.',
  'Peskov said Moscow remained open to negotiations with Kyiv, and Putin repeated that Ukraine must withdraw from Donbas.',
].join('\n');

let stack: LocalStack;
const log: string[] = [];
beforeAll(async () => {
  bedrock.on(ConverseCommand).callsFake((input: ConverseRequest) => {
    const user = input.messages[0]!.content[0]!.text;
    if (user.includes('throttle me')) throw new ThrottlingException({ message: 'Too many requests', $metadata: { httpStatusCode: 429 } });
    return recordsAnswer(
      [
        { actor: 'RU', term: 'ceasefire', stance: 'oppose', quotes: ['Russia rejected an immediate ceasefire on Monday'] },
        { actor: 'UA', term: 'ceasefire', stance: 'support', quotes: ['Ukraine supports a ceasefire along the current front line'] },
        { actor: 'RU', term: 'negotiations', stance: 'support', quotes: ['Moscow remained open to talks with Kyiv'] },
      ],
      { inputTokens: 6100, outputTokens: 140 },
    );
  });
  stack = await startLocalStack({ port: 0, trackerFile, dynamoDbEndpoint: localEndpoint(), tableName: `test-${randomUUID()}`, log: (l) => log.push(l) });
});
afterAll(async () => {
  await stack?.stop();
  bedrock.restore();
});

async function post(body: unknown) {
  const res = await fetch(`${stack.apiUrl}/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return IngestResponseSchema.parse(await res.json());
}
const getDocument = async (id: string) => DocumentResponseSchema.parse(await (await fetch(`${stack.apiUrl}/documents/${id}`)).json());

describe('the local stack with a tracker tagged by Bedrock (mocked)', () => {
  it('tags a POSTed document with the model, keeps only verified records and shows the tagger version and tokens', async () => {
    const ingest = await post({ title: 'Kremlin rejects ceasefire', text: article, publishedAt: '2025-11-21T08:00:00Z' });
    await stack.drained();
    expect(stack.queue.stats()).toMatchObject({ deadLettered: 0, pending: 0 });
    const calls = bedrock.commandCalls(ConverseCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({ modelId: MODEL_ID, toolConfig: { toolChoice: { tool: { name: 'record_stances' } } } });

    const doc = await getDocument(ingest.ids[0]!);
    expect(doc.taggedWith).toMatchObject({ taggerVersion: `bedrock:${MODEL_ID}@p1`, tokens: { input: 6100, output: 140 } });
    expect(doc.records.map((r) => `${r.actor} ${r.term} ${r.stance}`)).toEqual(['RU ceasefire oppose', 'UA ceasefire support']);
    for (const e of doc.records.flatMap((r) => r.evidence)) expect(article.slice(e.start, e.end)).toBe(e.sentence);
    const matrix = MatrixResponseSchema.parse(await (await fetch(`${stack.apiUrl}/matrix?tracker=bedrock-local`)).json());
    expect(matrix.cells.filter((c) => c.term === 'ceasefire').map((c) => [c.actor, c.support, c.oppose])).toEqual(expect.arrayContaining([['RU', 0, 1], ['UA', 1, 0]]));
  });

  it('fails the message of a throttled document alone, retried through the queue until it is dead-lettered', async () => {
    const before = stack.queue.stats().deadLettered;
    const ingest = await post({ text: `${article}\nthrottle me ${randomUUID()}` });
    await stack.drained();
    expect(stack.queue.stats().deadLettered).toBe(before + 1);
    expect((await getDocument(ingest.ids[0]!)).taggedWith).toBeUndefined();
    expect(log.some((l) => l.includes('dead-letter'))).toBe(true);
  });
});
