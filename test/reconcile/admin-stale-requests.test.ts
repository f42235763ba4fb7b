import { describe, expect, it } from 'vitest';
import { failuresPage } from '../../connector/admin/admin-page.ts';
import { staleRequestsSection } from '../../connector/admin/stale-requests-section.ts';
import type { SweepStatus } from '../../connector/reconcile/sweeper.ts';

const status: SweepStatus = {
  intervalMs: 60_000,
  graceMs: 300_000,
  last: {
    startedAt: '2026-12-06T06:00:00.000Z',
    finishedAt: '2026-12-06T06:00:01.000Z',
    stale: 2,
    requested: 1,
    findings: [
      { entityType: 'INVOICE', ref: 'INV-"><script>alert(1)</script>', updatedOn: '2026-12-06T05:50:00.000Z', action: 'requested' },
      { entityType: 'CREDIT_MEMO', ref: 'CM-1', updatedOn: '2026-12-06T05:51:00.000Z', action: 'in-progress' },
    ],
  },
};

describe('the "Stale requests" section of /admin', () => {
  it('lists what the last sweep found and what it did, escaped, on the failures page', () => {
    const html = failuresPage({ failures: [], tileCount: 0, csrf: 'x', sections: [staleRequestsSection(status)] });
    expect(html).toContain('<h2>Stale requests</h2>');
    expect(html).toContain('<strong id="stale-count">2</strong>, 1 requested by the sweep');
    expect(html).toContain('more than 300 s');
    expect(html).not.toContain('<script>');
    expect(html).toContain('INVOICE INV-&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/CM-1<\/td><td>2026-12-06T05:51:00.000Z<\/td><td>request queued or running in Folio/);
  });

  it('says when nothing is stale, when no sweep has run, when the last one failed, and when the sweep is off', () => {
    expect(staleRequestsSection({ ...status, last: { ...status.last!, stale: 0, requested: 0, findings: [] } })).toContain('None: every document request reached Folio.');
    expect(staleRequestsSection({ intervalMs: 60_000, graceMs: 1 })).toContain('No sweep has finished yet (every 60 s)');
    expect(staleRequestsSection({ intervalMs: 60_000, graceMs: 1, lastError: { at: 'now', message: 'Fluent <down>' } })).toContain('The last sweep failed at now: Fluent &lt;down&gt;');
    expect(staleRequestsSection(undefined)).toContain('FOLIO_SWEEP_INTERVAL_MS=0');
  });
});
