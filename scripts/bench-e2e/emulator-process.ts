import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { FluentAccountAccess } from '../demo/local-config.ts';
import { spawnNode, type ConnectorChild } from '../load/child-process.ts';

const MAIN = fileURLToPath(new URL('../emulator/main.ts', import.meta.url));

/** The banner scripts/emulator/main.ts prints once it listens (URL, public key, OAuth credentials). */
const bannerSchema = z.object({
  url: z.url(),
  publicKeySpkiBase64: z.string().min(1),
  credentials: z.object({ username: z.string().min(1), password: z.string().min(1), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
});

export interface EmulatorProcess extends FluentAccountAccess {
  child: ConnectorChild;
  close(): Promise<void>;
}

/**
 * The Fluent emulator in a process of its own (`npm run emulator`), so its GraphQL, workflows and webhook
 * signing never share the connector's or the harness's event loop. Its webhooks go to `webhookUrl`.
 */
export async function startEmulatorProcess(webhookUrl: string): Promise<EmulatorProcess> {
  const accountId = 'ACME';
  const retailerId = '1';
  // NODE_ENV=production spares graphql-js its development checks (each type test also compares class
  // names, to catch two copies of the library): the stand-in for Fluent should take as little of the
  // cores it shares with the connector as it can.
  const child = spawnNode(['--import', 'tsx', MAIN], { PORT: '0', HOST: '127.0.0.1', FLUENT_ACCOUNT_ID: accountId, FLUENT_RETAILER_ID: retailerId, FOLIO_WEBHOOK_URL: webhookUrl, NODE_ENV: 'production' });
  try {
    const value = async (label: string) => (await child.line(new RegExp(`^${label}:\\s`), 60_000)).slice(label.length + 1).trim();
    const oauth = Object.fromEntries((await value('OAuth')).split(/\s+/).map((pair) => pair.split('=') as [string, string]));
    const banner = bannerSchema.parse({
      url: await value('URL'),
      publicKeySpkiBase64: await value('Public key'),
      credentials: { username: oauth.username, password: oauth.password, clientId: oauth.client_id, clientSecret: oauth.client_secret },
    });
    return { ...banner, accountId, retailerId, child, close: async () => void (await child.kill('SIGTERM')) };
  } catch (error) {
    await child.kill('SIGKILL');
    throw error;
  }
}
