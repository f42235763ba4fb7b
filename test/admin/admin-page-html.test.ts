import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { CONTENT_SECURITY_POLICY, failuresPage } from '../../connector/admin/admin-page.ts';
import type { Failure } from '../../connector/replay/failures.ts';

const hostile: Failure = {
  tenant: 'ACME:1',
  entityRef: 'INV-"><script>alert(1)</script>',
  entityType: 'INVOICE',
  reason: 'Fluent GraphQL error: <img src=x onerror=alert(2)> & more',
  failedAt: new Date('2026-11-23T09:30:00Z'),
  eventId: 'e1',
  inboxKey: 'ACME|e1',
  reportedToFluent: true,
};

describe('admin page HTML', () => {
  it('escapes values that came from Fluent or providers, in text and in attributes', () => {
    const html = failuresPage({ failures: [hostile], tileCount: 1, csrf: 'c"s<rf' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt; &amp; more');
    expect(html).toContain('data-entity-ref="INV-&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('value="c&quot;s&lt;rf"');
    // The retry form posts to the URL-encoded target.
    expect(html).toContain(`action="/admin/documents/${encodeURIComponent(hostile.entityRef).replace(/'/g, '&#39;')}/retry"`);
  });

  it('allows exactly its own inline stylesheet and nothing else', () => {
    const html = failuresPage({ failures: [], tileCount: 0, csrf: 'x' });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src 'sha256-${hash}'`);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('script-src');
    expect(html).not.toContain('<script');
  });
});
