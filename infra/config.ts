// The stack's configuration: cdk.json "context" (or `cdk ... -c key=value`),
// validated here once. Values given with `-c` arrive as strings, so every
// non-string setting also accepts its string form ("true", "30", "a,b").
import * as z from 'zod';
import { TaggerSpecSchema } from '../src/core/tracker.js';
import { ConfigError } from '../src/errors.js';

/** The retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const RATE_UNITS = ['minute', 'hour', 'day'] as const;

/** EventBridge wants `rate(1 hour)` but `rate(2 hours)`: a wrong plural is rejected at deploy time, so catch it here. */
function scheduleProblem(expression: string): string | undefined {
  const rate = /^rate\((\d+) ([a-z]+)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2]!;
    const base = unit.replace(/s$/, '');
    if (value < 1) return 'a rate must be at least 1';
    if (!(RATE_UNITS as readonly string[]).includes(base)) return `unknown rate unit "${unit}" (use minute(s), hour(s) or day(s))`;
    const want = value === 1 ? base : `${base}s`;
    return unit === want ? undefined : `write "rate(${value} ${want})"`;
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (cron) {
    const fields = cron[1]!.trim().split(/\s+/);
    if (fields.length !== 6) return `a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`;
    if (fields[2] !== '?' && fields[4] !== '?') return 'one of day-of-month and day-of-week must be "?"';
    return undefined;
  }
  return 'expected "rate(N unit)" or "cron(minutes hours day-of-month month day-of-week year)"';
}

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], {
  error: 'expected true or false',
});

const positiveInt = z.coerce.number({ error: 'expected a number' }).int('expected a whole number').positive('expected a number above 0');

/** An origin a browser sends: scheme, host and optional port, nothing after. */
const OriginSchema = z.union([
  z.literal('*'),
  z.string().regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, 'a CORS origin is "*" or scheme://host[:port] with no path, e.g. https://news.example.org'),
]);

export const StackConfigSchema = z.object({
  /** Deployment stage: names the stack (StanceTracker-<stage>) and tags every resource. */
  stage: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'a stage is 1 to 20 lowercase letters, digits or "-", starting with a letter').default('dev'),
  /** When the re-ingestion function runs: an EventBridge rate or cron expression. */
  schedule: z
    .string()
    .trim()
    .default('rate(6 hours)')
    .superRefine((value, ctx) => {
      const problem = scheduleProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** The tracker written into the table at deploy time, relative to the project root. */
  trackerFile: z.string().min(1, 'must name a tracker file').default('seeds/tracker.json'),
  /** When true, the GET routes need no signature; POST /documents always needs IAM (SigV4). */
  openReads: flag.default(false),
  /** Where alarm notifications go; no SNS topic is made without it. */
  alarmEmail: z.preprocess((v) => (v === '' ? undefined : v), z.email('expected an e-mail address').optional()),
  /** Origins browsers may call the API from; none means no CORS headers at all. */
  corsOrigins: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
    z.array(OriginSchema, { error: 'expected a list of origins (an array, or a comma-separated string)' }),
  ).default([]),
  /** How long function and API access logs are kept. */
  logRetentionDays: z.coerce
    .number({ error: 'expected a number of days' })
    .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), `CloudWatch Logs accepts one of ${LOG_RETENTION_DAYS.join(', ')} days`)
    .default(30),
  /** Powertools log level of every function. */
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /** Steady-state requests per second the API stage accepts before answering 429. */
  throttleRateLimit: positiveInt.default(50),
  /** Requests the API stage accepts in a burst above the rate. */
  throttleBurstLimit: positiveInt.default(100),
  /** Largest number of stale documents one run sends to the tag queue for re-tagging (RETAG_BATCH_LIMIT). */
  retagBatchLimit: positiveInt.default(20_000),
  /** The re-tag fan-out keeps at most this many messages in the tag queue (RETAG_QUEUE_DEPTH). */
  retagQueueDepth: positiveInt.default(20_000),
  /** How often stale documents are sent to the tag queue (besides each re-ingestion run). */
  retagSchedule: z
    .string()
    .trim()
    .default('rate(15 minutes)')
    .superRefine((value, ctx) => {
      const problem = scheduleProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Keep the table (deletion protection and RETAIN) when the stack goes; false only for throwaway stages. */
  retainData: flag.default(true),
  /**
   * The tagger of trackers that name none: {"kind": "rules"} (the default) or {"kind": "bedrock",
   * "modelId": "..."}; `-c tagger='{"kind":"bedrock","modelId":"us.amazon.nova-lite-v1:0"}'` as JSON.
   */
  tagger: z.preprocess((v) => {
    if (v === '') return undefined;
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }, TaggerSpecSchema.optional()),
  /** Model tokens (input + output) a deployment may spend per UTC day; past it the rules tag, marked. */
  dailyTokenBudget: z.coerce.number({ error: 'expected a number of tokens' }).int('expected a whole number').min(0, 'expected 0 or more').default(2_000_000),
});
export type StackConfig = z.infer<typeof StackConfigSchema>;
export type StackConfigInput = z.input<typeof StackConfigSchema>;

export const CONTEXT_KEYS = Object.keys(StackConfigSchema.shape) as (keyof StackConfig)[];

/**
 * Validates the stack configuration. `lookup` reads one context key (the App's
 * `node.tryGetContext`); errors name the key so the fix is obvious.
 */
export function parseStackConfig(lookup: (key: string) => unknown): StackConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONTEXT_KEYS) {
    const value = lookup(key);
    if (value !== undefined && value !== null) raw[key] = value;
  }
  const result = StackConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.path.map(String).join('.');
  const given = raw[String(issue.path[0])];
  throw new ConfigError(`cdk.json context "${key}": ${issue.message} (got ${JSON.stringify(given)})`);
}
