// PLACEHOLDER: the `stance start` command.
export const summary = 'not yet implemented';
export const usage = 'usage: stance start (not yet implemented)';
export async function run(_args: string[]): Promise<number> {
  console.error('stance start: not yet implemented');
  return 1;
}
