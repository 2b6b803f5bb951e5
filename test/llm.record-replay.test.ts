// Recording and replaying: what `stance tag --tagger bedrock --record FILE` writes is what
// `--tagger replay --responses FILE` reads, and replaying gives the same records; the
// Bedrock adapter tells failures to retry later from the others.
import { AccessDeniedException, BedrockRuntimeClient, ConverseCommand, ModelTimeoutException, ServiceUnavailableException, ThrottlingException, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { compileForModel, tagWithModel } from '../src/core/llm/tagger.js';
import { ModelUnavailableError } from '../src/errors.js';
import { BedrockModel, retryLater, type RecordedExchange } from '../src/llm/bedrock.js';
import { parseReplayLines, ReplayModel } from '../src/llm/replay.js';
import { MODEL_ID, modelTracker, recordsAnswer, toolAnswer } from './support/llm.js';

const bedrock = mockClient(BedrockRuntimeClient);
afterAll(() => bedrock.restore());
const client = new BedrockRuntimeClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const tracker = modelTracker();
const compiled = compileForModel(tracker, { kind: 'bedrock', modelId: MODEL_ID, maxInputTokens: 12000 });
const doc = { id: 'doc-1', text: 'Russia rejected an immediate truce on Monday, the Kremlin said. Ukraine backs a ceasefire along the front line.' };

describe('recording and replaying', () => {
  it('replays recorded answers, a refused one and its retry included, to the same records', async () => {
    bedrock.reset();
    bedrock
      .on(ConverseCommand)
      .resolvesOnce({ ...toolAnswer({ records: 'none' }), $metadata: { httpStatusCode: 200, requestId: 'r1' } } as never)
      .resolves({ ...recordsAnswer([{ actor: 'RU', term: 'ceasefire', stance: 'oppose', quotes: ['Russia rejected an immediate truce'] }]), $metadata: { httpStatusCode: 200, requestId: 'r2' } } as never);
    const recorded: RecordedExchange[] = [];
    const live = await tagWithModel(doc, compiled, { model: new BedrockModel(client, (e) => recorded.push(e)) });
    expect(recorded.map((e) => e.id)).toEqual(['doc-1#0', 'doc-1#0']);
    expect(JSON.stringify(recorded)).not.toContain('$metadata');

    const file = recorded.map((e) => JSON.stringify(e)).join('\n');
    const replayed = await tagWithModel(doc, compiled, { model: new ReplayModel(parseReplayLines(file, 'answers.jsonl')) });
    expect(replayed).toEqual(live);
    expect(replayed.records.map((r) => `${r.actor} ${r.term} ${r.stance}`)).toEqual(['RU ceasefire oppose']);
    expect(replayed.dropped).toEqual({ 'invalid-answer': 1 });
  });

  it('names the file and line of a bad replay line', () => {
    expect(() => parseReplayLines('{"id":"a#0","response":{}}\nnot json', 'answers.jsonl')).toThrow(/^answers\.jsonl:2: not valid JSON/);
    expect(() => parseReplayLines('{"response":{}}', 'answers.jsonl')).toThrow(/^answers\.jsonl:1: a line needs "id"/);
    expect(() => parseReplayLines('{"id":"a#0"}', 'answers.jsonl')).toThrow(/answers\.jsonl:1: a line needs "response", a ConverseCommand output/);
  });
});

describe('Bedrock failures', () => {
  const meta = (status: number) => ({ $metadata: { httpStatusCode: status } });
  it('retries later on throttling, 5xx, model timeouts and dropped connections; not on access or validation errors', () => {
    expect(retryLater(new ThrottlingException({ message: 'slow', ...meta(429) }))).toBe(true);
    expect(retryLater(new ServiceUnavailableException({ message: 'down', ...meta(503) }))).toBe(true);
    expect(retryLater(new ModelTimeoutException({ message: 'late', ...meta(408) }))).toBe(true);
    expect(retryLater(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
    expect(retryLater(Object.assign(new Error('The pending stream has been canceled'), { code: 'ERR_HTTP2_STREAM_CANCEL', cause: { code: 'ECONNREFUSED' } }))).toBe(true);
    expect(retryLater(new AccessDeniedException({ message: 'no', ...meta(403) }))).toBe(false);
    expect(retryLater(new ValidationException({ message: 'bad', ...meta(400) }))).toBe(false);
  });

  it('throws ModelUnavailableError for a failure to retry later, and the SDK error otherwise', async () => {
    bedrock.reset();
    bedrock.on(ConverseCommand).rejectsOnce(new ThrottlingException({ message: 'slow', ...meta(429) })).rejects(new AccessDeniedException({ message: 'no access', ...meta(403) }));
    const model = new BedrockModel(client);
    await expect(tagWithModel(doc, compiled, { model })).rejects.toBeInstanceOf(ModelUnavailableError);
    await expect(tagWithModel(doc, compiled, { model })).rejects.toBeInstanceOf(AccessDeniedException);
  });
});
