/** Minor units as a plain decimal with `digits` decimals ("-12.50"), exactly: for data and terminals; documents format money by locale. */
export function formatMinor(minor: number, digits = 2): string {
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
