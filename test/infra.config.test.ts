// The stack settings from cdk.json context: defaults, `-c` strings, and errors
// that name the key at fault, both from the parser and from `cdk synth` itself.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseStackConfig } from '../infra/config.js';
import { PROJECT_ROOT } from '../infra/paths.js';
import { ConfigError } from '../src/errors.js';
import { cdkJsonContext } from './support/infra.js';

const parse = (context: Record<string, unknown>) => parseStackConfig((key) => context[key]);

describe('stack settings', () => {
  it('has safe defaults when cdk.json names nothing', () => {
    expect(parse({})).toEqual({
      stage: 'dev',
      schedule: 'rate(6 hours)',
      trackerFile: 'seeds/tracker.json',
      openReads: false,
      alarmEmail: undefined,
      corsOrigins: [],
      logRetentionDays: 30,
      logLevel: 'INFO',
      throttleRateLimit: 50,
      throttleBurstLimit: 100,
      retagBatchLimit: 20_000,
      retagQueueDepth: 20_000,
      retagSchedule: 'rate(15 minutes)',
      retainData: true,
      tagger: undefined,
      dailyTokenBudget: 2_000_000,
    });
  });

  it('reads the shipped cdk.json without error and keeps the data', () => {
    const config = parse(cdkJsonContext());
    expect(config.retainData).toBe(true);
    expect(config.openReads).toBe(false);
  });

  it('takes the strings that `cdk -c key=value` passes', () => {
    const config = parse({ openReads: 'true', retainData: 'false', logRetentionDays: '90', corsOrigins: 'https://a.example, https://b.example:8443', throttleRateLimit: '7' });
    expect(config).toMatchObject({ openReads: true, retainData: false, logRetentionDays: 90, corsOrigins: ['https://a.example', 'https://b.example:8443'], throttleRateLimit: 7 });
  });

  it('treats an empty alarm e-mail as none', () => {
    expect(parse({ alarmEmail: '' }).alarmEmail).toBeUndefined();
  });

  it.each([
    [{ stage: 'Prod!' }, /"stage": a stage is 1 to 20 lowercase letters/],
    [{ schedule: 'every 6 hours' }, /"schedule": expected "rate\(N unit\)"/],
    [{ schedule: 'rate(1 hours)' }, /"schedule": write "rate\(1 hour\)"/],
    [{ schedule: 'rate(6 hour)' }, /"schedule": write "rate\(6 hours\)"/],
    [{ schedule: 'rate(2 weeks)' }, /"schedule": unknown rate unit "weeks"/],
    [{ schedule: 'cron(0 6 * * *)' }, /"schedule": a cron expression has 6 fields/],
    [{ schedule: 'cron(0 6 * * MON *)' }, /"schedule": one of day-of-month and day-of-week must be "\?"/],
    [{ openReads: 'yes' }, /"openReads": expected true or false \(got "yes"\)/],
    [{ alarmEmail: 'ops at example' }, /"alarmEmail": expected an e-mail address/],
    [{ corsOrigins: 'https://a.example/app' }, /"corsOrigins.0": a CORS origin is "\*" or scheme:\/\/host\[:port\]/],
    [{ logRetentionDays: 10 }, /"logRetentionDays": CloudWatch Logs accepts one of 1, 3, 5/],
    [{ logLevel: 'VERBOSE' }, /"logLevel"/],
    [{ throttleBurstLimit: '0' }, /"throttleBurstLimit": expected a number above 0/],
    [{ retagBatchLimit: 'many' }, /"retagBatchLimit": expected a number/],
  ])('rejects %j with an error naming the key', (context, message) => {
    expect(() => parse(context)).toThrow(ConfigError);
    expect(() => parse(context)).toThrow(message);
  });

  it('accepts rate and cron schedules EventBridge accepts', () => {
    for (const schedule of ['rate(1 minute)', 'rate(15 minutes)', 'rate(1 day)', 'cron(0 */6 * * ? *)', 'cron(0 6 ? * MON-FRI *)']) {
      expect(parse({ schedule }).schedule).toBe(schedule);
    }
  });
});

describe('cdk synth with bad settings', () => {
  const synth = (context: Record<string, unknown>) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      cwd: PROJECT_ROOT,
      // What the cdk CLI hands the app: cdk.json context merged with -c values.
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJsonContext(), ...context }), CDK_OUTDIR: '/nonexistent/never-written' },
    });

  it('stops with one line naming the context key, no stack trace', async () => {
    const failure = await synth({ schedule: 'rate(1 hours)' }).catch((err: { code: number; stderr: string }) => err);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr.trim()).toBe('stance tracker: cdk.json context "schedule": write "rate(1 hour)" (got "rate(1 hours)")');
  });

  it('stops with the tracker file and the reason when the tracker is missing', async () => {
    const failure = await synth({ trackerFile: 'seeds/no-such-tracker.json' }).catch((err: { code: number; stderr: string }) => err);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr.trim()).toMatch(/^stance tracker: .*seeds\/no-such-tracker\.json: no such file$/);
  });
});
