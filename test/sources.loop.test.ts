import { describe, expect, it } from 'vitest';
import { startReingestLoop } from '../src/sources/loop.js';

describe('the local re-ingestion loop', () => {
  it('runs at once and again after each run, never two at a time, and a failed run does not stop it', async () => {
    let running = 0;
    let overlapped = false;
    let calls = 0;
    const results: number[] = [];
    const errors: unknown[] = [];
    let reachedFive!: () => void;
    const five = new Promise<void>((resolve) => (reachedFive = resolve));
    const loop = startReingestLoop({
      intervalMs: 1,
      run: async () => {
        overlapped ||= running > 0;
        running++;
        const n = ++calls;
        await new Promise((r) => setImmediate(r));
        running--;
        if (n === 5) reachedFive();
        if (n === 2) throw new Error('feed server down');
        return n;
      },
      onRun: (n) => results.push(n),
      onError: (e) => errors.push(e),
    });
    await five;
    await loop.stop();
    const after = calls;
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(after);
    expect(overlapped).toBe(false);
    expect(results.slice(0, 3)).toEqual([1, 3, 4]);
    expect(errors).toEqual([new Error('feed server down')]);
  });

  it('waits for the run in progress when stopped', async () => {
    let finished = false;
    const loop = startReingestLoop({
      intervalMs: 60_000,
      run: async () => {
        await new Promise((r) => setImmediate(r));
        finished = true;
      },
    });
    await loop.stop();
    expect(finished).toBe(true);
  });
});
