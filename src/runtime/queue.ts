// The tag queue of the functions that send to it (ingest, and reingest through its adapters):
// apart from lambda.ts, so that the functions that never send (query, tag, cells) do not load
// the SQS client at a cold start.
import { SQSClient } from '@aws-sdk/client-sqs';
import { env } from '../config.js';
import { ConfigError } from '../errors.js';
import { SqsTagQueue, type TagQueue } from '../queue.js';

export function defaultQueue(): TagQueue {
  const url = env().TAG_QUEUE_URL;
  if (!url) throw new ConfigError('TAG_QUEUE_URL is not set: the ingest function has no queue to send documents to');
  return new SqsTagQueue(new SQSClient({}), url);
}
