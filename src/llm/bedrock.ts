// The model port over Amazon Bedrock's Converse API. Throttling, 5xx answers, timeouts and
// dropped connections become ModelUnavailableError (the SQS message is retried later); any
// other error (access denied, an unknown model) is thrown as the SDK gives it.
import { BedrockRuntimeClient, ConverseCommand, type ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { ModelCall, ModelPort } from '../core/llm/converse.js';
import { ModelUnavailableError } from '../errors.js';

const RETRY_LATER = new Set([
  'ThrottlingException',
  'ServiceUnavailableException',
  'InternalServerException',
  'ModelNotReadyException',
  'ModelTimeoutException',
  'ServiceQuotaExceededException',
  'TimeoutError',
  'RequestTimeout',
]);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/** Whether a failed call may succeed if made again later. */
export function retryLater(err: unknown): boolean {
  const e = err as { name?: string; code?: string; cause?: { code?: string }; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const status = e?.$metadata?.httpStatusCode ?? 0;
  // The client speaks HTTP/2: a refused or reset connection arrives as a cancelled stream.
  const network = [e?.code, e?.cause?.code].some((code) => NETWORK.has(code ?? '') || /^ERR_HTTP2_/.test(code ?? ''));
  return RETRY_LATER.has(e?.name ?? '') || network || status === 429 || status >= 500 || Boolean(e?.$retryable);
}

/** One exchange as a replay file keeps it: `{"id": ..., "response": <ConverseCommand output>}`. */
export interface RecordedExchange {
  id: string;
  response: unknown;
}

/** A Bedrock Runtime client for model calls: a minute per answer, the SDK's own retries on throttling. */
export function bedrockClient(region?: string): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    ...(region ? { region } : {}),
    maxAttempts: 3,
    requestHandler: { requestTimeout: 60_000, connectionTimeout: 5_000 },
  });
}

export class BedrockModel implements ModelPort {
  constructor(
    private readonly client: BedrockRuntimeClient,
    /** Called with every answer (`stance tag --record FILE`). */
    private readonly onAnswer?: (exchange: RecordedExchange) => void,
  ) {}

  async converse(call: ModelCall): Promise<unknown> {
    let output;
    try {
      output = await this.client.send(new ConverseCommand(call.request as unknown as ConverseCommandInput));
    } catch (err) {
      if (retryLater(err)) {
        throw new ModelUnavailableError(`Bedrock could not answer ${call.id} now (${(err as Error).name}: ${(err as Error).message})`, { cause: err });
      }
      throw err;
    }
    const { $metadata: _metadata, ...response } = output;
    this.onAnswer?.({ id: call.id, response });
    return response;
  }
}
