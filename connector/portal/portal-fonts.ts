import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Japanese and Chinese glyphs for the portal: a stock server (and many shoppers' machines) has no CJK
 * font, so the pages serve Noto Sans JP and SC from @fontsource (already shipped for documents, see
 * render/cjk-fonts.ts). Their faces are split by unicode-range, so a browser fetches only the few
 * subsets a page's characters need, from this server (the CSP allows nothing else).
 */
const require = createRequire(import.meta.url);
const PACKAGES = { 'noto-sans-jp': '@fontsource/noto-sans-jp', 'noto-sans-sc': '@fontsource/noto-sans-sc' } as const;
const FONT_FILE = /^(noto-sans-jp|noto-sans-sc)-\d+-(400|700)-normal\.woff2$/;
export const FONTS_PATH = '/portal/assets/fonts';

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** The @font-face rules of both families (regular and bold, woff2 only), pointing at FONTS_PATH. */
export function portalFontsCss(): string {
  return Object.values(PACKAGES)
    .flatMap((name) => [400, 700].map((weight) => readFileSync(join(packageDir(name), `${weight}.css`), 'utf8')))
    .join('\n')
    .replace(/url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\), url\([^)]+\) format\('woff'\)/g, `url(${FONTS_PATH}/$1) format('woff2')`);
}

/** The file to serve for a requested font name, or undefined for anything that is not one of ours. */
export function portalFontFile(name: string): string | undefined {
  const match = FONT_FILE.exec(name);
  if (!match) return undefined;
  const file = join(packageDir(PACKAGES[match[1] as keyof typeof PACKAGES]), 'files', name);
  return existsSync(file) ? file : undefined;
}
