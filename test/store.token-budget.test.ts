// The daily token budget's DynamoDB counter on DynamoDB Local: one conditional ADD per take,
// so concurrent takers never pass the limit between them; a new UTC day starts at zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../src/runtime/lambda.js';
import { DynamoTokenBudget } from '../src/store/token-budget.js';
import { createTestTable, localDynamoDbClient } from './support/dynamodb.js';

let tableName: string;
let drop: () => Promise<void>;
beforeAll(async () => ({ tableName, drop } = await createTestTable()));
afterAll(async () => drop());

const day = new Date('2025-12-01T08:00:00Z');
const budget = (limit: number) => new DynamoTokenBudget(documentClient(localDynamoDbClient()), tableName, limit);

describe('the daily token budget in DynamoDB', () => {
  it('takes while the day has room, refuses past it, and settles the real count', async () => {
    const b = budget(10_000);
    expect(await b.take(6000, day)).toBe(true);
    expect(await b.take(5000, day)).toBe(false);
    expect(await b.used(day)).toBe(6000);
    await b.adjust(-2500, day);
    expect(await b.take(5000, day)).toBe(true);
    expect(await b.used(day)).toBe(8500);
    expect(await b.take(20_000, new Date('2025-12-02T00:00:01Z'))).toBe(false);
    expect(await b.take(9000, new Date('2025-12-02T00:00:01Z'))).toBe(true);
  });

  it('lets concurrent takers share the limit without passing it', async () => {
    const b = budget(10_000);
    const other = new Date('2025-12-03T12:00:00Z');
    const taken = await Promise.all(Array.from({ length: 20 }, () => b.take(1000, other)));
    expect(taken.filter(Boolean)).toHaveLength(10);
    expect(await b.used(other)).toBe(10_000);
  });
});
