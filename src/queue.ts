// The tag queue's port and message: ingest sends one message per stored document, the tag
// function reads them. Both sides use TagMessageSchema. A send that fails leaves the document
// stored and untagged; the stale-documents query finds it again, so nothing is lost. The SQS
// adapter is in runtime/queue.ts: the tag function reads messages here and never loads the SQS client.
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
