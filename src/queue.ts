// The tag queue: ingest sends one message per stored document, the tag function reads
// them. Both sides use TagMessageSchema. A send that fails leaves the document stored and
// untagged; the stale-documents query finds it again, so nothing is lost.
import { GetQueueAttributesCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { ValidationError } from './errors.js';

export const TagMessageSchema = z.object({
  tracker: z.string().min(1),
  documentId: z.string().regex(/^[a-f0-9]{20}$/, 'a document id is 20 hex characters'),
});
export type TagMessage = z.infer<typeof TagMessageSchema>;

/** SQS takes at most 10 entries per SendMessageBatch. */
export const SQS_BATCH = 10;

export interface TagQueue {
  /** Sends the messages; resolves to those that could not be sent (never rejects for them). */
  send(messages: TagMessage[]): Promise<{ failed: TagMessage[] }>;
  /** Messages waiting or being tagged (approximate, as SQS counts them); the re-tag fan-out stays under a bound. */
  depth?(): Promise<number>;
}

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

/** Reads a message body as the tag function receives it. */
export function parseTagMessage(body: string): TagMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ValidationError('the message body is not JSON', 'message');
  }
  const result = TagMessageSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ValidationError(issue.message, `message.${issue.path.join('.')}`);
  }
  return result.data;
}
