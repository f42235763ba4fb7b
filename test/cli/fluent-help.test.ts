import { describe, expect, it } from 'vitest';
import { commands } from '../../connector/cli/commands/index.ts';
import { runCliHere } from './support/run-cli.ts';
import { runFolio } from './support/run-folio.ts';

const folio = (...argv: string[]) => runCliHere(argv);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each command group (`folio fluent`, `folio fluent plugin`, `folio links`, …) lists its own commands. */
describe('folio <group> --help', () => {
  it.each([['fluent'], ['fluent', 'plugin'], ['links'], ['numbers']])('folio %s … --help lists every command of the group with its summary', async (...group: string[]) => {
    const run = await folio(...group, '--help');
    expect(run.code, run.stderr).toBe(0);
    const members = commands.filter((c) => group.every((word, i) => c.path[i] === word));
    expect(members.length).toBeGreaterThan(0);
    for (const command of members) expect(run.stdout).toMatch(new RegExp(`folio ${escape(command.path.join(' '))} +${escape(command.summary)}`));
    for (const command of commands.filter((c) => !members.includes(c))) expect(run.stdout).not.toContain(`folio ${command.path.join(' ')} `);
    expect(run.stdout).toContain(`Run "folio ${group.join(' ')} <command> --help"`);
  });

  it('lists the group for a bare "folio fluent" too; an unknown command exits 2 and shows its group', async () => {
    const bare = await folio('fluent');
    expect(bare.code).toBe(0);
    expect(bare.stdout).toContain('folio fluent plugin push');
    const unknown = await folio('fluent', 'bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "fluent bogus"');
    expect(unknown.stderr).toContain('folio fluent push');
  });

  it('the real binary does the same, and a command still prints its own usage', async () => {
    const group = await runFolio(['fluent', '--help']);
    expect(group.code, group.stderr).toBe(0);
    expect(group.stdout).toContain('folio fluent merge');
    const command = await folio('fluent', 'push', '--help');
    expect(command.code).toBe(0);
    expect(command.stdout).toContain('Usage: folio fluent push');
  });
});
