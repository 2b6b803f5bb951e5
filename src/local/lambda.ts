// What the Lambda runtime gives a handler besides its event, reduced to what a
// local invocation needs: a Context with a request id and a remaining-time clock.
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** A Lambda handler as the local stack calls it: event and context in, a promise out. */
export type LambdaHandler<Event, Result> = (event: Event, context: Context) => Promise<Result> | Result;

export interface LocalContextOptions {
  functionName: string;
  region?: string;
  accountId?: string;
  /** Lambda's configured timeout; only feeds getRemainingTimeInMillis (nothing is cut off). */
  timeoutMs?: number;
}

export const LOCAL_ACCOUNT_ID = '000000000000';

/** A fresh Context for one invocation. */
export function lambdaContext(options: LocalContextOptions): Context {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const unsupported = () => {
    throw new Error('callback-style completion (done/fail/succeed) is not supported locally; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${options.functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `local/${options.functionName}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** Checks that a dynamically imported module exports a callable `handler`. */
export function handlerOf<Event, Result>(module: Record<string, unknown>, file: string): LambdaHandler<Event, Result> {
  const handler = module.handler;
  if (typeof handler !== 'function') throw new TypeError(`${file} does not export a function named "handler"`);
  return handler as LambdaHandler<Event, Result>;
}
