import { z } from 'zod';

/**
 * All configuration comes from the environment, validated once at start-up; a bad value stops the
 * service with a message that names the variable. Defaults run the embedded setup (PGlite, local files).
 */
const webhookKeysSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON: [{"name":"…","publicKeySpkiBase64":"…"}]' });
      return z.NEVER;
    }
  })
  .pipe(z.array(z.object({ name: z.string().min(1), publicKeySpkiBase64: z.string().min(100) })).min(1));

const linkKeysSchema = z
  .string()
  .transform((text) => text.split(',').map((pair) => pair.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(/^[A-Za-z0-9_-]+:.{32,}$/, 'each link key is kid:secret with a secret of 32+ characters'))
      .min(1),
  )
  .transform((pairs) =>
    pairs.map((pair) => {
      const at = pair.indexOf(':');
      return { kid: pair.slice(0, at), secret: pair.slice(at + 1) };
    }),
  );

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_BASE_URL: z.url().optional(),
  DATABASE_URL: z.string().optional(),
  FOLIO_DATA_DIR: z.string().default('var'),
  FLUENT_BASE_URL: z.url(),
  FLUENT_ACCOUNT_ID: z.string().min(1),
  FLUENT_RETAILER_ID: z.string().min(1).default('1'),
  FLUENT_USERNAME: z.string().min(1),
  FLUENT_PASSWORD: z.string().min(1),
  FLUENT_CLIENT_ID: z.string().min(1),
  FLUENT_CLIENT_SECRET: z.string().min(1),
  FLUENT_WEBHOOK_KEYS: webhookKeysSchema,
  FOLIO_LINK_KEYS: linkKeysSchema,
  FOLIO_LINK_TTL_SECONDS: int(60 * 60 * 24 * 365),
  FOLIO_MAX_ATTEMPTS: int(5),
  FOLIO_RETRY_BASE_MS: int(2000),
  /** Longest retry delay (whole seconds in the queue). */
  FOLIO_RETRY_MAX_MS: int(300_000),
  /** How long a claimed job may run before it is considered abandoned (worker died) and retried. */
  FOLIO_JOB_TIMEOUT_MS: int(600_000),
  /** How often abandoned claims are looked for (at least 1 s). */
  FOLIO_STALE_CHECK_MS: int(30_000),
  /** How often an idle worker polls for jobs another process queued (at least 500 ms). */
  FOLIO_POLL_INTERVAL_MS: int(1_000),
  /** How long a graceful stop (SIGTERM) waits for jobs in flight. */
  FOLIO_STOP_TIMEOUT_MS: int(30_000),
  /** Enables /admin (page and API). Unset: admin is off and /admin answers 404. */
  FOLIO_ADMIN_TOKEN: z.string().min(16, 'the admin token needs 16+ characters').optional(),
  FOLIO_WORKER_CONCURRENCY: int(2),
  /** Longest a job waits for this process's webhook acks to commit before it starts; 0: never waits. */
  FOLIO_INTAKE_YIELD_MS: z.coerce.number().int().min(0).default(50),
  FOLIO_WEBHOOK_MAX_BYTES: int(256 * 1024),
  FOLIO_CHROMIUM_PATH: z.string().optional(),
  FOLIO_RENDER_CONCURRENCY: int(2),
  FOLIO_SELLER: z
    .string()
    .default('{"name":"Folio Demo Retail Ltd","vatId":"GB123456789","address":{"street":"1 Market Street","city":"London","postcode":"EC1A 1AA","country":"GB"}}'),
  FOLIO_STORAGE: z.enum(['local', 'azure-blob']).default('local'),
  AZURE_STORAGE_CONNECTION_STRING: z.string().optional(),
  FOLIO_AZURE_CONTAINER: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, 'an Azure container name: 3–63 lower-case letters, digits and dashes').default('folio-documents'),
  FOLIO_AZURE_LAYOUT: z.enum(['prefix', 'container-per-retailer']).default('prefix'),
  FOLIO_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL').optional(),
  FOLIO_EMAIL_FROM: z.string().default('Folio <documents@folio.invalid>'),
  FOLIO_EMAIL_PDF: z.enum(['attach', 'link']).default('attach'),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio account SID (AC + 32 hex digits)').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_API_ORIGIN: z.url().optional(),
  FOLIO_SMS_FROM: z.string().optional(),
  FOLIO_WHATSAPP_FROM: z.string().optional(),
  FOLIO_DELIVERY: z.string().default('{"channels":{"*":{"*":["email","whatsapp","sms"]}}}'),
  FOLIO_RECIPIENT_PEPPER: z.string().min(16).optional(),
  FOLIO_THEMES: z.string().optional(),
  FOLIO_DEFAULT_LOCALE: z.string().default('en'),
  FOLIO_DEFAULT_TIME_ZONE: z.string().default('UTC'),
  // Document sources (connector/app/document-sources.ts parses the JSON ones and names the variable on error).
  FOLIO_REFUND_POLICY: z.string().default('{}'),
  FOLIO_PACKAGE_INVOICES: z.enum(['on', 'off']).default('off'),
  FOLIO_PACKAGE_INVOICE_CONFIG: z.string().default('{}'),
  FOLIO_SHIPPING_TAX_TYPE: z.string().optional(),
  FOLIO_SHIPMENT_NOTE_PRICES: z.enum(['on', 'off']).default('off'),
  FOLIO_CUSTOM_DOCUMENTS_DIR: z.string().default('config/custom-documents'),
  // Reconciliation sweep (connector/reconcile): entities left DOCUMENT_REQUESTED because their webhook never came.
  /** How often the sweep runs; 0 turns it off. */
  FOLIO_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(300_000),
  /** How long an entity must have sat in DOCUMENT_REQUESTED to count as stale; far past Fluent's ~14 s of webhook retries. */
  FOLIO_SWEEP_GRACE_MS: z.coerce.number().int().min(0).default(300_000),
  /** Requests per second the sweep (and `folio backfill`, unless --rate) commits at most. */
  FOLIO_SWEEP_RATE: z.coerce.number().positive().max(1000).default(5),
});

export type FolioConfig = z.output<typeof envSchema>;

/** Settings that only make sense together are checked together. */
function checkCombinations(config: FolioConfig): string[] {
  const problems: string[] = [];
  if (config.FOLIO_STORAGE === 'azure-blob' && !config.AZURE_STORAGE_CONNECTION_STRING) problems.push('  AZURE_STORAGE_CONNECTION_STRING: required when FOLIO_STORAGE=azure-blob');
  if ((config.FOLIO_SMS_FROM || config.FOLIO_WHATSAPP_FROM) && !(config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN)) problems.push('  TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: required for SMS or WhatsApp');
  return problems;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): FolioConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new Error(`Folio configuration is invalid:\n${problems.join('\n')}`);
  }
  const problems = checkCombinations(parsed.data);
  if (problems.length > 0) throw new Error(`Folio configuration is invalid:\n${problems.join('\n')}`);
  return parsed.data;
}

export function publicBaseUrl(config: FolioConfig, boundPort: number): string {
  return config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${boundPort}`;
}
