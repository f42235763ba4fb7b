/**
 * Quotes any text as a CSS string literal with every character outside [A-Za-z0-9 ] written as a CSS
 * hex escape. Document data can then sit inside a stylesheet (e.g. a page-margin `content:`) without
 * closing the string, the rule, or the <style> element, whatever it contains.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const char of text) {
    // Hex escapes end with a space so a following hex digit is not swallowed into the escape.
    out += /[A-Za-z0-9 ]/.test(char) ? char : `\\${(char.codePointAt(0) as number).toString(16)} `;
  }
  return `${out}"`;
}
