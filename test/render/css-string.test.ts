import { describe, expect, it } from 'vitest';
import { cssString } from '../../connector/render/css-string.ts';

describe('cssString', () => {
  it('keeps letters, digits and spaces and escapes everything else', () => {
    expect(cssString('Invoice INV-7')).toBe('"Invoice INV\\2d 7"');
  });

  it('cannot close the string, the rule or the style element', () => {
    const quoted = cssString('"; } </style><script>x</script>\n');
    expect(quoted.slice(1, -1)).not.toMatch(/["<>;{}\n]/);
  });

  it('escapes characters outside the BMP as one code point', () => {
    expect(cssString('😀')).toBe('"\\1f600 "');
  });
});
