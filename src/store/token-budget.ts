// The daily model-token budget of a deployment in DynamoDB: one counter item per UTC day
// (keys.tokenBudgetKey), shared by every tag function. Taking is one conditional ADD, so
// concurrent functions never take more than the limit between them; settling the real
// count afterwards may pass it by what the estimates missed. One small item per day stays
// in the table (the table has no TTL).
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TokenBudget } from '../core/llm/converse.js';
import * as keys from './keys.js';

export const budgetDay = (now: Date): string => now.toISOString().slice(0, 10);

export class DynamoTokenBudget implements TokenBudget {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Tokens (input + output) the deployment may spend per UTC day. */
    readonly dailyLimit: number,
  ) {}

  async take(tokens: number, now: Date): Promise<boolean> {
    if (tokens > this.dailyLimit) return false;
    try {
      await this.add(tokens, now, this.dailyLimit - tokens);
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async adjust(tokens: number, now: Date): Promise<void> {
    await this.add(tokens, now);
  }

  /** Today's count so far. */
  async used(now: Date): Promise<number> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.tokenBudgetKey(budgetDay(now)), ConsistentRead: true }));
    return Number(out.Item?.used ?? 0);
  }

  private async add(tokens: number, now: Date, room?: number): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.tokenBudgetKey(budgetDay(now)),
        UpdateExpression: 'ADD used :n SET #type = :type',
        ...(room === undefined ? {} : { ConditionExpression: 'attribute_not_exists(used) OR used <= :room' }),
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':n': tokens, ':type': 'token-budget', ...(room === undefined ? {} : { ':room': room }) },
      }),
    );
  }
}
