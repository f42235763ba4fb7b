import { readPluginJar, type PluginJar } from '../../../connector/install/plugin-jar.ts';

/** INFERRED: only ACTIVE is documented (REFERENCE.md §6); the others name the emulator's other states. */
export type BundleStatus = 'UPLOADED' | 'INSTALLING' | 'ACTIVE' | 'INACTIVE';

export interface Bundle extends PluginJar {
  status: BundleStatus;
  uploadedOn: string;
}

export class BundleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The emulator's plugin repository: uploaded jars by bundle name (each version once, like Fluent), and
 * which version of each plugin is installed. Installing takes `installDelayMs`, during which the status
 * is INSTALLING, so clients must poll as they do against Fluent.
 */
export class PluginBundles {
  private readonly bundles = new Map<string, Bundle>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly accountId: string,
    private readonly installDelayMs: number,
  ) {}

  upload(jar: Buffer): Bundle {
    const info = readPluginJar(jar);
    if (!info.symbolicName.startsWith(`${this.accountId}.`)) {
      throw new BundleError(400, `Bundle-SymbolicName ${info.symbolicName} must start with the account id: ${this.accountId}.<plugin>`);
    }
    if (this.bundles.has(info.bundleName)) {
      throw new BundleError(409, `Bundle ${info.bundleName} has already been uploaded; a plugin version can be uploaded only once, so raise Bundle-Version`);
    }
    const bundle: Bundle = { ...info, status: 'UPLOADED', uploadedOn: new Date().toISOString() };
    this.bundles.set(info.bundleName, bundle);
    return bundle;
  }

  install(accountId: string, bundleName: string): Bundle {
    if (accountId !== this.accountId) throw new BundleError(403, `accountId ${accountId} is not this account (${this.accountId})`);
    const bundle = this.get(bundleName);
    if (!bundle) throw new BundleError(404, `Bundle ${bundleName} has not been uploaded`);
    bundle.status = 'INSTALLING';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // One version of a plugin is active at a time: installing a version retires the others.
      for (const other of this.bundles.values()) if (other.symbolicName === bundle.symbolicName && other !== bundle && other.status === 'ACTIVE') other.status = 'INACTIVE';
      bundle.status = 'ACTIVE';
    }, this.installDelayMs);
    timer.unref();
    this.timers.add(timer);
    return bundle;
  }

  get(bundleName: string): Bundle | undefined {
    return this.bundles.get(bundleName);
  }

  /** Full rule names (`ACME.folio.SendDocumentWebhook`) of every ACTIVE bundle. */
  activeRules(): string[] {
    return [...this.bundles.values()].filter((b) => b.status === 'ACTIVE').flatMap((b) => b.ruleClasses.map((rule) => `${b.symbolicName}.${rule}`));
  }
}
