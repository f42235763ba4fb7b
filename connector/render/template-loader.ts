import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { ILoader, LoaderSource } from 'nunjucks';
import { PermanentError } from '../core/errors.ts';

/**
 * Root-relative template names only: lowercase-ish path segments ending in .njk. No dots elsewhere, so
 * no "..", no absolute paths, and nothing outside the template folders can be named from a template.
 */
const TEMPLATE_NAME = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.njk$/;

/**
 * A nunjucks loader over an ordered list of folders (retailer overrides first, shared templates last).
 * Stricter than nunjucks' FileSystemLoader, whose prefix check lets "retailers/r1" read "retailers/r10":
 * names are validated, resolved paths (after symlinks) must stay inside their folder, and the shared
 * folder's "retailers/" subtree cannot be reached by name, so one retailer never includes another's files.
 */
export class ConfinedTemplateLoader implements ILoader {
  readonly roots: readonly string[];

  constructor(roots: readonly string[]) {
    this.roots = roots.filter((root) => existsSync(root)).map((root) => realpathSync(root));
  }

  getSource(name: string): LoaderSource {
    const found = this.find(name);
    if (!found) throw new PermanentError(`Template not found: ${name} (searched ${this.roots.join(', ')})`);
    return { src: readFileSync(found, 'utf8'), path: found, noCache: false };
  }

  private find(name: string): string | undefined {
    if (!TEMPLATE_NAME.test(name) || name.startsWith('retailers/')) {
      throw new PermanentError(`Invalid template name: ${JSON.stringify(name)}`);
    }
    for (const root of this.roots) {
      const candidate = path.join(root, name);
      if (!existsSync(candidate)) continue;
      const real = realpathSync(candidate);
      const relative = path.relative(root, real);
      if (relative.startsWith('..') || path.isAbsolute(relative)) {
        throw new PermanentError(`Template ${name} resolves outside ${root}`);
      }
      return real;
    }
    return undefined;
  }
}
