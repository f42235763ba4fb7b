import nunjucks from 'nunjucks';
import { fileURLToPath } from 'node:url';
import { ConfinedTemplateLoader } from '../render/template-loader.ts';
import { may, type Operator } from './roles.ts';

export const CONSOLE_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/console/', import.meta.url));

/**
 * The console's pages: nunjucks templates under templates/console with autoescape on, so every value
 * from the database, Fluent or a request is escaped. No page has a script; charts are SVG made here.
 */
export function createConsoleViews(dir = CONSOLE_TEMPLATES_DIR) {
  const env = new nunjucks.Environment(new ConfinedTemplateLoader([dir]), { autoescape: true, throwOnUndefined: false });
  env.addFilter('when', (value: unknown) => (value instanceof Date ? value.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : value ?? ''));
  env.addFilter('urlpart', (value: unknown) => encodeURIComponent(String(value ?? '')));
  return {
    render(name: string, context: Record<string, unknown> & { operator?: Operator; csrf?: string }): string {
      const operator = context.operator;
      const can = operator ? Object.fromEntries(['read', 'resend', 'retry', 'regenerate', 'revoke', 'configure'].map((p) => [p, may(operator, p as never)])) : {};
      return env.render(name, { ...context, can });
    },
  };
}
export type ConsoleViews = ReturnType<typeof createConsoleViews>;
