import {
  BlobSASPermissions,
  BlobServiceClient,
  StorageSharedKeyCredential,
  type ContainerClient,
  type StoragePipelineOptions,
  type UserDelegationKey,
} from '@azure/storage-blob';
import type { Readable } from 'node:stream';
import { PermanentError } from '../core/errors.ts';
import { isStatus, mapAzureError } from './azure-errors.ts';
import type { DocumentStore, PutOptions, ReadUrlOptions, StoredObject } from '../core/ports/document-store.ts';
import { contentDisposition } from './content-disposition.ts';
import { sha256Hex } from './hashing.ts';
import { assertSafeKey } from './object-key.ts';

/** Whatever the SDK accepts as a credential (account key or an Entra ID token credential from @azure/identity). */
type Credential = StorageSharedKeyCredential | Extract<NonNullable<ConstructorParameters<typeof BlobServiceClient>[1]>, { getToken: unknown }>;

export type AzureBlobStoreOptions = (
  | { connectionString: string }
  | { accountUrl: string; credential: Credential }
) & {
  /** The container, or with `layout: 'container-per-retailer'` the prefix of each retailer's container name. */
  container: string;
  /**
   * `prefix` (default): one container, blobs at `<prefix><key>` (the key starts with the retailer).
   * `container-per-retailer`: container `<container>-<retailer>`, blobs at `<prefix><rest of key>`, so a
   * retailer's documents can get their own access policy, lifecycle rules or account-level separation.
   */
  layout?: 'prefix' | 'container-per-retailer';
  prefix?: string;
  /** The SDK retries on its own; bound it so a dead endpoint fails the job quickly and the queue retries. */
  retry?: { maxTries?: number; tryTimeoutMs?: number };
};

export interface AzureBlobStore extends DocumentStore {
  sasUrl(key: string, ttlSeconds: number, options?: ReadUrlOptions): Promise<string>;
}

/** Azure metadata names must be C# identifiers; values must be plain ASCII header values. */
function metadataOf(options: PutOptions, sha256: string): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.metadata ?? {})) {
    const safeName = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, '_');
    metadata[safeName] = /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
  }
  metadata.sha256 = sha256;
  return metadata;
}

export function createAzureBlobStore(options: AzureBlobStoreOptions): AzureBlobStore {
  const pipeline: StoragePipelineOptions = {
    retryOptions: {
      maxTries: options.retry?.maxTries ?? 3,
      tryTimeoutInMs: options.retry?.tryTimeoutMs ?? 30_000,
      retryDelayInMs: 200,
      maxRetryDelayInMs: 2_000,
    },
  };
  const service =
    'connectionString' in options
      ? BlobServiceClient.fromConnectionString(options.connectionString, pipeline)
      : new BlobServiceClient(options.accountUrl, options.credential, pipeline);
  const prefix = options.prefix ?? '';
  const layout = options.layout ?? 'prefix';
  const ensured = new Map<string, Promise<void>>();
  let delegation: { key: UserDelegationKey; validUntil: number } | undefined;

  function locate(key: string): { container: ContainerClient; blobName: string } {
    const segments = assertSafeKey(key);
    if (layout === 'prefix') return { container: service.getContainerClient(options.container), blobName: prefix + key };
    if (segments.length < 2) throw new PermanentError(`document key ${key} has no retailer segment`);
    const name = containerName(`${options.container}-${segments[0]}`);
    return { container: service.getContainerClient(name), blobName: prefix + segments.slice(1).join('/') };
  }

  /** Creates each container once per process; a failed attempt is forgotten so the next put tries again. */
  function ensureContainer(container: ContainerClient): Promise<void> {
    let pending = ensured.get(container.containerName);
    if (!pending) {
      pending = container.createIfNotExists().then(() => undefined);
      pending.catch(() => ensured.delete(container.containerName));
      ensured.set(container.containerName, pending);
    }
    return pending;
  }

  function stored(key: string, container: ContainerClient, blobName: string, size: number, sha256: string, contentType: string): StoredObject {
    return {
      key,
      location: { provider: 'azure-blob', account: service.accountName, container: container.containerName, path: blobName },
      size,
      sha256,
      contentType,
    };
  }

  async function upload(container: ContainerClient, blobName: string, bytes: Buffer, putOptions: PutOptions, sha256: string) {
    await container.getBlockBlobClient(blobName).uploadData(bytes, {
      blobHTTPHeaders: { blobContentType: putOptions.contentType },
      metadata: metadataOf(putOptions, sha256),
    });
  }

  return {
    async put(key, bytes, putOptions) {
      const { container, blobName } = locate(key);
      const sha256 = sha256Hex(bytes);
      try {
        await ensureContainer(container);
        const existing = await container
          .getBlobClient(blobName)
          .getProperties()
          .catch((error: unknown) => (isStatus(error, 404) ? undefined : Promise.reject(error)));
        if (existing?.metadata?.sha256 !== sha256) {
          try {
            await upload(container, blobName, bytes, putOptions, sha256);
          } catch (error) {
            // The container went away behind our back (deleted, or an emulator restarted): make it again once.
            if (!isStatus(error, 404)) throw error;
            ensured.delete(container.containerName);
            await ensureContainer(container);
            await upload(container, blobName, bytes, putOptions, sha256);
          }
        }
      } catch (error) {
        throw mapAzureError(error, `storing ${key}`);
      }
      return stored(key, container, blobName, bytes.length, sha256, putOptions.contentType);
    },

    async open(key) {
      const { container, blobName } = locate(key);
      try {
        const response = await container.getBlobClient(blobName).download();
        return {
          stream: response.readableStreamBody as Readable,
          size: response.contentLength ?? 0,
          contentType: response.contentType ?? 'application/octet-stream',
        };
      } catch (error) {
        if (isStatus(error, 404)) throw new PermanentError(`no stored document ${key}`, { cause: error });
        throw mapAzureError(error, `opening ${key}`);
      }
    },

    async ping() {
      try {
        await service.getProperties();
        return true;
      } catch {
        return false;
      }
    },

    async sasUrl(key, ttlSeconds, readOptions = {}) {
      const { container, blobName } = locate(key);
      const blob = container.getBlobClient(blobName);
      // A little slack for clock skew between us and Azure, so the link works the moment it is issued.
      const startsOn = new Date(Date.now() - 60_000);
      const expiresOn = new Date(Date.now() + ttlSeconds * 1000);
      const fileName = readOptions.fileName ?? key.split('/').at(-1)!;
      const sas = {
        permissions: BlobSASPermissions.parse('r'),
        startsOn,
        expiresOn,
        contentDisposition: contentDisposition(readOptions.disposition ?? 'attachment', fileName),
      };
      try {
        if (service.credential instanceof StorageSharedKeyCredential) return await blob.generateSasUrl(sas);
        // With Entra ID (no account key) a SAS is signed by a user delegation key, fetched and reused for an hour.
        if (!delegation || delegation.validUntil < expiresOn.getTime()) {
          const validUntil = Date.now() + 3_600_000 + ttlSeconds * 1000;
          const key = await service.getUserDelegationKey(startsOn, new Date(validUntil));
          delegation = { key, validUntil };
        }
        return await blob.generateUserDelegationSasUrl(sas, delegation.key);
      } catch (error) {
        throw mapAzureError(error, `signing a read URL for ${key}`);
      }
    },
  };
}

/** Container names: 3–63 lowercase letters, digits and single hyphens. */
function containerName(raw: string): string {
  const name = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (name.length < 3 || name.length > 63) throw new PermanentError(`cannot make a container name from ${JSON.stringify(raw)}`);
  return name;
}
