import express, { Router, type Request, type Response } from 'express';
import { PluginJarError } from '../../../connector/install/plugin-jar.ts';
import { BundleError, type PluginBundles } from './plugin-bundles.ts';
import { ruleCatalogue } from './installed-rules.ts';

const MAX_JAR_BYTES = 100 * 1024 * 1024;

function fail(res: Response, error: unknown): void {
  if (error instanceof BundleError) res.status(error.status).json({ message: error.message });
  else if (error instanceof PluginJarError) res.status(400).json({ message: `Invalid plugin: ${error.message}` });
  else res.status(500).json({ message: error instanceof Error ? error.message : String(error) });
}

/** Fluent's plugin REST API under /orchestration/rest/v1/plugin (REFERENCE.md §6). */
export function pluginRoutes(bundles: PluginBundles, installedRules: () => Iterable<string>): Router {
  const router = Router();
  const base = '/orchestration/rest/v1/plugin';

  router.post(`${base}/upload`, express.raw({ type: 'multipart/form-data', limit: MAX_JAR_BYTES }), async (req: Request, res: Response) => {
    try {
      if (!Buffer.isBuffer(req.body)) {
        res.status(400).json({ message: 'Expected multipart/form-data with the jar in field "file"' });
        return;
      }
      // The platform's own multipart parser (undici) reads the form, so no extra dependency is needed.
      const form = await new globalThis.Response(new Uint8Array(req.body), { headers: { 'content-type': req.get('content-type') ?? '' } }).formData();
      const file = form.get('file');
      if (!file || typeof file === 'string') {
        res.status(400).json({ message: 'Expected multipart/form-data with the jar in field "file"' });
        return;
      }
      const bundle = bundles.upload(Buffer.from(await file.arrayBuffer()));
      // INFERRED: the upload answer's shape is undocumented; it names the bundle the install call needs.
      res.json({ bundleName: bundle.bundleName, bundleVersion: bundle.version, bundleStatus: bundle.status, rules: bundle.ruleClasses });
    } catch (error) {
      fail(res, error);
    }
  });

  router.post(`${base}/install`, express.json(), (req: Request, res: Response) => {
    const { accountId, bundleName } = (req.body ?? {}) as { accountId?: unknown; bundleName?: unknown };
    if (typeof accountId !== 'string' || typeof bundleName !== 'string') {
      res.status(400).json({ message: 'Expected {"accountId": "...", "bundleName": "<ACCOUNT>.<plugin>::<version>"}' });
      return;
    }
    try {
      const bundle = bundles.install(accountId, bundleName);
      res.json({ bundleName: bundle.bundleName, bundleVersion: bundle.version, bundleStatus: bundle.status });
    } catch (error) {
      fail(res, error);
    }
  });

  router.get(`${base}/:bundleName/status`, (req: Request, res: Response) => {
    const bundle = bundles.get(String(req.params.bundleName));
    if (bundle) res.json({ bundleName: bundle.bundleName, bundleVersion: bundle.version, bundleStatus: bundle.status });
    else res.status(404).json({ message: `Bundle ${String(req.params.bundleName)} has not been uploaded` });
  });

  router.get([base, `${base}/`], (_req: Request, res: Response) => {
    res.json(ruleCatalogue(installedRules()));
  });

  return router;
}
