// The one place that reads configuration from the environment. Lambda gets these
// variables from the CDK stack (infra/), the local stack sets them itself. The
// AWS SDK reads its own (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SQS):
// the local stack points those at loopback servers, so handlers need no switch.
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { ConfigError } from './errors.js';
import { TaggerSpecSchema } from './core/tracker.js';

/** A JSON value in an environment variable, read by `schema`. */
const jsonEnv = <T extends z.ZodType>(schema: T) =>
  z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected JSON' });
      return z.NEVER;
    }
  }).pipe(schema);

export const EnvSchema = z.object({
  /** The single DynamoDB table (see src/store/keys.ts for its key scheme). */
  TABLE_NAME: z.string().min(1),
  /** SQS queue the ingest function sends documents to for tagging. */
  TAG_QUEUE_URL: z.string().min(1).optional(),
  /** Tracker used when a request names none. */
  TRACKER_ID: z.string().min(1).default('ukraine-peace-2025'),
  /** Largest number of stale documents one scheduled run sends to the tag queue for re-tagging. */
  RETAG_BATCH_LIMIT: z.coerce.number().int().positive().default(20_000),
  /** The re-tag fan-out keeps at most this many messages in the tag queue (waiting or being tagged). */
  RETAG_QUEUE_DEPTH: z.coerce.number().int().positive().default(20_000),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** The deployment's tagger for trackers that name none (cdk.json context `tagger`), as JSON. */
  TAGGER: jsonEnv(TaggerSpecSchema).optional(),
  /** The article function the re-ingest function has pages read by (functions/article.ts). */
  ARTICLE_FUNCTION_NAME: z.string().min(1).optional(),
  /** Model tokens (input + output) the deployment may spend per UTC day; past it the rules tag, marked. */
  DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(2_000_000),
});
export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Reads and validates the environment once per process (once per Lambda container). */
export function env(): Env {
  if (cached) return cached;
  const result = EnvSchema.safeParse(process.env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  cached = result.data;
  return cached;
}

/**
 * The AWS SDK's own switch (read by @aws-sdk/core when a client is built) for its notice
 * that its 2027 releases need Node 22: meant for developers, not for every CLI run or test.
 * Set once for the CLI (src/cli/main.ts), the local stack and vitest (vitest.config.ts).
 */
export const QUIET_AWS_SDK_ENV = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } as const;

export function quietAwsSdk(): void {
  for (const [name, value] of Object.entries(QUIET_AWS_SDK_ENV)) process.env[name] ??= value;
}

/** Tests and the local stack change the environment; this forgets the cached copy. */
export function resetEnvCache(): void {
  cached = undefined;
}

/**
 * Boolean flags typed after `npm start` without the `--` separator (`npm start --once`):
 * npm keeps them for itself and hands them to the script as npm_config_<name>=true.
 */
export function npmBooleanFlags<const Name extends string>(names: readonly Name[]): Partial<Record<Name, true>> {
  const flags: Partial<Record<Name, true>> = {};
  for (const name of names) if (process.env[`npm_config_${name}`] === 'true') flags[name] = true;
  return flags;
}

/** npm's value for `npm start --name=value` (npm_config_<name>), or undefined when not given. */
export function npmConfig(name: string): string | undefined {
  return process.env[`npm_config_${name}`];
}

/** The `stance` API the CLI talks to when no --api is given. */
export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

/** What the command line reads from the environment. */
export function cliSettings(): { apiUrl: string; stateDir: string } {
  return {
    /** STANCE_API: the local server or a deployed API, for every command that takes --api. */
    apiUrl: process.env.STANCE_API || DEFAULT_API_URL,
    /** Where a running local stack leaves its state file (src/local/state.ts); .stance/ in the checkout. */
    stateDir: process.env.STANCE_STATE_DIR || fileURLToPath(new URL('../.stance/', import.meta.url)),
  };
}
