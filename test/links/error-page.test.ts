import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../connector/links/error-page.ts';

describe('escapeHtml', () => {
  it('neutralises markup and attribute quotes', () => {
    expect(escapeHtml(`<script>alert("x")</script>&'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });
});
