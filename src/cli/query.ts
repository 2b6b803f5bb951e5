// PLACEHOLDER: the `stance query` command.
export const summary = 'not yet implemented';
export const usage = 'usage: stance query (not yet implemented)';
export async function run(_args: string[]): Promise<number> {
  console.error('stance query: not yet implemented');
  return 1;
}
