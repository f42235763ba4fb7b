import { UsageError, type Command } from './command.ts';
import { commands } from './commands/index.ts';

/** `folio <command…> [options]`: finds the longest command path that matches, prints help otherwise. */
export async function runCli(argv: string[]): Promise<number> {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const command = findCommand(argv);
  if (!command) {
    if (argv.length === 0 || (wantsHelp && !argv.some((a) => !a.startsWith('-')))) {
      console.log(overview());
      return 0;
    }
    console.error(`folio: unknown command "${argv.filter((a) => !a.startsWith('-')).join(' ')}"\n\n${overview()}`);
    return 2;
  }
  const rest = argv.slice(command.path.length);
  if (wantsHelp) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`folio ${command.path.join(' ')}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    console.error(`folio ${command.path.join(' ')}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function findCommand(argv: string[]): Command | undefined {
  return [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((command) => command.path.every((word, index) => argv[index] === word));
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  const lines = commands.map((c) => `  folio ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return ['Folio: customer documents for Fluent Commerce.', '', 'Usage: folio <command> [options]', '', 'Commands:', ...lines, '', 'Run "folio <command> --help" for a command\'s options.'].join('\n');
}

const isEntryPoint = process.argv[1] && /(?:folio(?:\.mjs)?|cli[\\/]main\.ts)$/.test(process.argv[1]);
if (isEntryPoint) {
  process.exitCode = await runCli(process.argv.slice(2));
}
