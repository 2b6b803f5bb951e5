// How a running local stack (npm start) tells the CLI where it is: a small state file per
// HTTP port with the endpoints and names the handlers use, so `stance reingest` in another
// terminal works on the same table and queue with nothing set by hand. Removed on stop;
// a file left by a killed stack names a process that no longer runs, and is ignored.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { QUIET_AWS_SDK_ENV, resetEnvCache } from '../config.js';

export const LOCAL_REGION = 'us-east-1';

export const LocalStateSchema = z.object({
  pid: z.number().int(),
  apiUrl: z.string(),
  tableName: z.string(),
  queueUrl: z.string(),
  trackerId: z.string(),
  dynamoDbEndpoint: z.string(),
  sqsEndpoint: z.string(),
});
export type LocalState = z.infer<typeof LocalStateSchema>;

export function stateFile(dir: string, port: number | string): string {
  return join(dir, `local-${port}.json`);
}

/** Writes the state file; resolves to the function that removes it. */
export async function publishLocalState(dir: string, state: LocalState): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const file = stateFile(dir, new URL(state.apiUrl).port);
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`);
  return () => rm(file, { force: true });
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The state of the stack serving `apiUrl`, if one runs (its process is alive). */
export async function findLocalState(dir: string, apiUrl: string): Promise<LocalState | undefined> {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    return undefined;
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return undefined;
  let text: string;
  try {
    text = await readFile(stateFile(dir, url.port || '80'), 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined; // a file cut short by a crash names no stack
  }
  const parsed = LocalStateSchema.safeParse(json);
  return parsed.success && running(parsed.data.pid) ? parsed.data : undefined;
}

/** Points the handlers' configuration and the AWS SDK at the local stack's loopback servers. */
export function applyLocalEnvironment(values: Omit<LocalState, 'pid' | 'apiUrl'> & { verbose?: boolean }): void {
  Object.assign(process.env, {
    TABLE_NAME: values.tableName,
    TAG_QUEUE_URL: values.queueUrl,
    TRACKER_ID: values.trackerId,
    AWS_REGION: LOCAL_REGION,
    // Dummies: the loopback servers accept any credentials, and real ones must never be used here.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: values.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SQS: values.sqsEndpoint,
    POWERTOOLS_LOG_LEVEL: values.verbose ? 'INFO' : 'WARN',
    // Metrics would print EMF JSON to stdout on every invocation: nothing reads it locally.
    POWERTOOLS_METRICS_DISABLED: 'true',
    ...QUIET_AWS_SDK_ENV,
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  resetEnvCache();
}
