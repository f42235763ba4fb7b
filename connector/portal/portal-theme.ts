import type { Theme } from '../render/theme.ts';
import { defaultTheme } from '../render/theme.ts';

/** The retailer's theme, as documents pick it: account:retailer, then account, then "*". */
export function portalTheme(themes: Readonly<Record<string, Theme>>, accountId: string, retailerId: string): Theme {
  return themes[`${accountId}:${retailerId}`] ?? themes[accountId] ?? themes['*'] ?? defaultTheme;
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (at: number) => {
    const value = parseInt(hex.slice(at, at + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The theme as the portal's CSS variables. A brand colour is used where it keeps WCAG AA contrast
 * (4.5:1): as a header background with white or near-black text, and for links on white only when it
 * is dark enough; otherwise links fall back to a dark blue. Values are validated #rrggbb colours.
 */
export function portalThemeCss(theme: Theme): string {
  const brand = theme.primaryColor;
  const onBrand = contrast(brand, '#ffffff') >= 4.5 ? '#ffffff' : '#111111';
  const accent = theme.accentColor ?? brand;
  const link = contrast(accent, '#ffffff') >= 4.5 ? accent : contrast(brand, '#ffffff') >= 4.5 ? brand : '#1a4f8b';
  return `:root{--brand:${brand};--on-brand:${onBrand};--link:${link};}\n`;
}
