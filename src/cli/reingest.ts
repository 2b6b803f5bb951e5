// PLACEHOLDER: the `stance reingest` command.
export const summary = 'not yet implemented';
export const usage = 'usage: stance reingest (not yet implemented)';
export async function run(_args: string[]): Promise<number> {
  console.error('stance reingest: not yet implemented');
  return 1;
}
