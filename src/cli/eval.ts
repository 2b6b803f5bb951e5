// PLACEHOLDER: the `stance eval` command.
export const summary = 'not yet implemented';
export const usage = 'usage: stance eval (not yet implemented)';
export async function run(_args: string[]): Promise<number> {
  console.error('stance eval: not yet implemented');
  return 1;
}
