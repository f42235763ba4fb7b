import { UsageError, type Command } from './command.ts';
import { commands } from './commands/index.ts';

/** `folio <command…> [options]`: finds the longest command path that matches, prints help otherwise. */
export async function runCli(argv: string[]): Promise<number> {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const command = findCommand(argv);
  if (!command) {
    const words = argv.filter((a) => !a.startsWith('-'));
    if (words.length === 0) {
      console.log(overview());
      return 0;
    }
    const group = findGroup(words);
    // `folio fluent` or `folio fluent --help`: the group's own commands.
    if (group && group.length === words.length) {
      console.log(overview(group));
      return 0;
    }
    console.error(`folio: unknown command "${words.join(' ')}"\n\n${overview(group)}`);
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

const startsWith = (path: readonly string[], prefix: readonly string[]) => prefix.every((word, index) => path[index] === word);

/** The longest leading words that several commands share, e.g. ['fluent'] or ['fluent', 'plugin']. */
function findGroup(words: string[]): string[] | undefined {
  for (let length = words.length; length > 0; length--) {
    const prefix = words.slice(0, length);
    if (commands.some((c) => c.path.length > length && startsWith(c.path, prefix))) return prefix;
  }
  return undefined;
}

/** Every command (or those of one group) with its summary. */
function overview(group: string[] = []): string {
  const listed = commands.filter((c) => startsWith(c.path, group));
  const width = Math.max(...listed.map((c) => c.path.join(' ').length));
  const lines = listed.map((c) => `  folio ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  const name = ['folio', ...group].join(' ');
  const title = group.length ? `${name}: ${listed.length === 1 ? 'one command' : `${listed.length} commands`}.` : 'Folio: customer documents for Fluent Commerce.';
  return [title, '', `Usage: ${name} <command> [options]`, '', 'Commands:', ...lines, '', `Run "${name} <command> --help" for a command's options.`].join('\n');
}

const isEntryPoint = process.argv[1] && /(?:folio(?:\.mjs)?|cli[\\/]main\.ts)$/.test(process.argv[1]);
if (isEntryPoint) {
  process.exitCode = await runCli(process.argv.slice(2));
}
