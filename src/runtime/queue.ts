// The tag queue over SQS, for the functions that send to it (ingest, and reingest through its
// adapters): apart from lambda.ts and ../queue.ts, so that the functions that never send
// (query, tag, cells) do not load the SQS client at a cold start.
import { GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { env } from '../config.js';
import { ConfigError } from '../errors.js';
import { SQS_BATCH, TagMessageSchema, type TagMessage, type TagQueue } from '../queue.js';

export class SqsTagQueue implements TagQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(messages: TagMessage[]): Promise<{ failed: TagMessage[] }> {
    const failed: TagMessage[] = [];
    for (let i = 0; i < messages.length; i += SQS_BATCH) {
      const chunk = messages.slice(i, i + SQS_BATCH);
      try {
        const out = await this.client.send(
          new SendMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: chunk.map((m, j) => ({ Id: String(j), MessageBody: JSON.stringify(TagMessageSchema.parse(m)) })),
          }),
        );
        for (const entry of out.Failed ?? []) {
          const message = chunk[Number(entry.Id)];
          if (message) failed.push(message);
        }
      } catch {
        failed.push(...chunk);
      }
    }
    return { failed };
  }

  async depth(): Promise<number> {
    const out = await this.client.send(
      new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  }
}

export function defaultQueue(): TagQueue {
  const url = env().TAG_QUEUE_URL;
  if (!url) throw new ConfigError('TAG_QUEUE_URL is not set: the ingest function has no queue to send documents to');
  return new SqsTagQueue(new SQSClient({}), url);
}
