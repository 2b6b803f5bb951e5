// PLACEHOLDER: the `stance ingest` command.
export const summary = 'not yet implemented';
export const usage = 'usage: stance ingest (not yet implemented)';
export async function run(_args: string[]): Promise<number> {
  console.error('stance ingest: not yet implemented');
  return 1;
}
