import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';

export const serveCommand: Command = {
  path: ['serve'],
  summary: 'Run the connector (webhook receiver, workers, document links) from environment variables',
  usage: [
    'Usage: folio serve',
    '',
    'Starts the Folio connector. Configuration comes from environment variables (see README:',
    'Configuration); a missing or bad value stops it with a message naming the variable.',
    'SIGTERM or SIGINT drains in-flight jobs before it exits.',
  ].join('\n'),
  async run(args) {
    if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}"`);
    const { serve } = await import('../../main.ts');
    await serve();
    // Keep running: the process ends on a signal.
    return await new Promise<number>(() => undefined);
  },
};
