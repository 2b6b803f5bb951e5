// PLACEHOLDER: the `stance tag` command.
export const summary = 'not yet implemented';
export const usage = 'usage: stance tag (not yet implemented)';
export async function run(_args: string[]): Promise<number> {
  console.error('stance tag: not yet implemented');
  return 1;
}
