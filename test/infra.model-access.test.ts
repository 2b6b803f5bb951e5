// Bedrock access in the stack: bedrock:InvokeModel on the configured model's ARNs only, for
// the functions that tag, and only when a tracker or the deployment uses the bedrock tagger.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStackConfig } from '../infra/config.js';
import type { HandlerFunction } from '../infra/handler-function.js';
import { MODEL_TAG_BATCH, MODEL_TAG_TIMEOUT } from '../infra/stack.js';
import { acknowledgements, type BuiltStack, buildStack, findingsWithoutAcknowledgements } from './support/infra.js';

type Json = Record<string, any>;
const dir = mkdtempSync(join(tmpdir(), 'stance-model-access-'));
const modelTrackerFile = join(dir, 'tracker.json');
writeFileSync(modelTrackerFile, JSON.stringify({ ...JSON.parse(readFileSync('seeds/tracker.json', 'utf8')), tagger: { kind: 'bedrock', modelId: 'amazon.nova-lite-v1:0' } }));
const PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const deploymentSettings = { tagger: JSON.stringify({ kind: 'bedrock', modelId: PROFILE }), dailyTokenBudget: '500000' };

const builds: Record<'rules' | 'deployment' | 'tracker', BuiltStack> = {} as never;
beforeAll(async () => {
  builds.rules = await buildStack({}, { bundle: false, cfnValidation: false });
  builds.deployment = await buildStack(deploymentSettings, { bundle: false, cfnValidation: false });
  builds.tracker = await buildStack({ trackerFile: modelTrackerFile }, { bundle: false, cfnValidation: false });
}, 180_000);
afterAll(() => {
  for (const b of Object.values(builds)) b?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const fnOf = (b: BuiltStack, id: string) => b.stack.node.findChild(id) as HandlerFunction;
const logical = (b: BuiltStack, element: { node: { defaultChild?: unknown } }) => b.stack.getLogicalId(element.node.defaultChild as CfnElement);

/** The Bedrock statements in the policies of one function's role. */
function bedrockStatements(b: BuiltStack, id: string): Json[] {
  const roleId = logical(b, fnOf(b, id).role);
  return Object.values(b.template.findResources('AWS::IAM::Policy'))
    .filter((p: Json) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap((p: Json) => p.Properties.PolicyDocument.Statement)
    .filter((s: Json) => [s.Action].flat().some((a: string) => a.startsWith('bedrock:')));
}

const join_ = (parts: unknown) => JSON.stringify(parts);

describe('Bedrock access', () => {
  it('is granted to no function by default (the rules tagger)', () => {
    for (const id of ['Ingest', 'Tag', 'Query', 'Reingest']) expect(bedrockStatements(builds.rules, id)).toEqual([]);
    expect(JSON.stringify(builds.rules.template.toJSON())).not.toContain('bedrock');
  });

  it('lets tag (alone: re-tagging fans out to it) call the deployment\'s inference profile, and its foundation model only through it', () => {
    for (const id of ['Tag']) {
      const statements = bedrockStatements(builds.deployment, id);
      expect(statements).toHaveLength(2);
      for (const s of statements) expect(s.Action).toBe('bedrock:InvokeModel');
      const [profile, model] = statements as [Json, Json];
      expect(join_(profile.Resource)).toContain(`:inference-profile/${PROFILE}`);
      expect(profile.Condition).toBeUndefined();
      expect(join_(model.Resource)).toContain(':bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0');
      expect(join_(model.Condition.StringEquals['bedrock:InferenceProfileArn'])).toBe(join_(profile.Resource));
    }
    for (const id of ['Ingest', 'Query', 'Reingest']) expect(bedrockStatements(builds.deployment, id)).toEqual([]);
  });

  it('lets tag call a tracker\'s foundation model in the stack\'s region, and nothing else', () => {
    expect(bedrockStatements(builds.tracker, 'Reingest')).toEqual([]);
    for (const id of ['Tag']) {
      const [statement, ...rest] = bedrockStatements(builds.tracker, id);
      expect(rest).toEqual([]);
      expect(statement).toMatchObject({ Action: 'bedrock:InvokeModel', Effect: 'Allow' });
      expect(join_(statement!.Resource)).toMatch(/"arn:",\{"Ref":"AWS::Partition"\},":bedrock:",\{"Ref":"AWS::Region"\},"::foundation-model\/amazon\.nova-lite-v1:0"/);
    }
  });

  it('gives the tag function time and batches that fit model calls, and reingest the tagger setting it judges staleness by (the budget is the tag function\'s alone)', () => {
    const tag = (b: BuiltStack) => b.template.toJSON().Resources[logical(b, fnOf(b, 'Tag').fn)].Properties;
    const mapping = (b: BuiltStack) => (Object.values(b.template.findResources('AWS::Lambda::EventSourceMapping'))[0] as Json).Properties;
    expect(tag(builds.rules).Timeout).toBe(120);
    expect(mapping(builds.rules).BatchSize).toBe(10);
    for (const b of [builds.deployment, builds.tracker]) {
      expect(tag(b).Timeout).toBe(MODEL_TAG_TIMEOUT.toSeconds());
      expect(tag(b).MemorySize).toBe(1024);
      expect(mapping(b).BatchSize).toBe(MODEL_TAG_BATCH);
      const queue = Object.values(b.template.findResources('AWS::SQS::Queue')).find((q: Json) => q.Properties.RedrivePolicy) as Json;
      expect(queue.Properties.VisibilityTimeout).toBe(MODEL_TAG_TIMEOUT.toSeconds() * 6);
    }
    expect(tag(builds.deployment).Environment.Variables).toMatchObject({ TAGGER: JSON.stringify({ kind: 'bedrock', modelId: PROFILE, maxInputTokens: 12000 }), DAILY_TOKEN_BUDGET: '500000' });
    expect(tag(builds.tracker).Environment.Variables.TAGGER).toBeUndefined();
    expect(tag(builds.rules).Environment.Variables.DAILY_TOKEN_BUDGET).toBeUndefined();
    const reingest = (b: BuiltStack) => b.template.toJSON().Resources[logical(b, fnOf(b, 'Reingest').fn)].Properties.Environment.Variables;
    expect(reingest(builds.rules).RETAG_BATCH_LIMIT).toBe('200');
    // Reingest only sends stale documents to the tag queue, so its limit stays the configured one.
    expect(reingest(builds.deployment)).toMatchObject({ RETAG_BATCH_LIMIT: '200', TAGGER: JSON.stringify({ kind: 'bedrock', modelId: PROFILE, maxInputTokens: 12000 }) });
    expect(reingest(builds.deployment).DAILY_TOKEN_BUDGET).toBeUndefined();
  });

  it('charts the model\'s tokens on the dashboard only when a model tags', () => {
    const body = (b: BuiltStack) => JSON.stringify(Object.values(b.template.findResources('AWS::CloudWatch::Dashboard'))[0]);
    expect(body(builds.rules)).not.toContain('ModelInputTokens');
    expect(body(builds.deployment)).toContain('ModelInputTokens');
    expect(body(builds.deployment)).toContain('ModelOutputTokens');
  });

  it('passes cdk-nag AwsSolutions, acknowledging only the profile\'s cross-region foundation model', async () => {
    for (const b of Object.values(builds)) {
      expect(b.nag().violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`))).toEqual([]);
    }
    const modelAcks = acknowledgements(builds.deployment.app).filter((a) => a.rule.includes('bedrock'));
    expect(modelAcks.map((a) => a.path.split('/')[1])).toEqual(['Tag']);
    const findings = await findingsWithoutAcknowledgements(deploymentSettings);
    for (const { path, rule } of modelAcks) expect(findings.some((f) => f.startsWith(`${rule} at ${path}/`)), `${rule} at ${path}`).toBe(true);
  }, 60_000);
});

describe('the tagger setting in cdk.json context', () => {
  const parse = (context: Record<string, unknown>) => parseStackConfig((key) => context[key]);
  it('takes an object or its JSON string, and names the key when it is wrong', () => {
    expect(parse({ tagger: { kind: 'rules' } }).tagger).toEqual({ kind: 'rules' });
    expect(parse({ tagger: '' }).tagger).toBeUndefined();
    expect(parse({ tagger: '{"kind":"bedrock","modelId":"amazon.nova-pro-v1:0"}' }).tagger).toEqual({ kind: 'bedrock', modelId: 'amazon.nova-pro-v1:0', maxInputTokens: 12000 });
    expect(() => parse({ tagger: '{"kind":"bedrock","modelId":"gpt-4o"}' })).toThrow(/cdk\.json context "tagger\.modelId": expected an Anthropic Claude or Amazon Nova model id/);
    expect(() => parse({ dailyTokenBudget: 'lots' })).toThrow(/"dailyTokenBudget": expected a number of tokens/);
  });
});
