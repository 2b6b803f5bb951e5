// PLACEHOLDER: the `stance` command line dispatcher.
const [command] = process.argv.slice(2);
console.error(`stance: unknown command "${command ?? ''}"`);
process.exitCode = 2;
