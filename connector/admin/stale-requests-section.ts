import type { SweepStatus } from '../reconcile/sweeper.ts';
import { escapeHtml } from './admin-page.ts';

const ACTION_TEXT = {
  requested: 'requested by the sweep',
  'in-progress': 'request queued or running in Folio',
  'already-requested': 'requested before; answer on its way',
} as const;

/** The "Stale requests" section of /admin: what the last reconciliation sweep found and requested. */
export function staleRequestsSection(status: SweepStatus | undefined): string {
  if (!status) return '<h2>Stale requests</h2><p class="muted">The reconciliation sweep is off (FOLIO_SWEEP_INTERVAL_MS=0) or runs in another process.</p>';
  const { last, lastError } = status;
  const error = lastError ? `<p class="error" role="alert">The last sweep failed at ${escapeHtml(lastError.at)}: ${escapeHtml(lastError.message)}</p>` : '';
  if (!last) return `<h2>Stale requests</h2>${error}<p class="muted">No sweep has finished yet (every ${status.intervalMs / 1000} s).</p>`;
  const rows = last.findings
    .map((f) => `<tr data-entity-ref="${escapeHtml(f.ref)}"><td>${escapeHtml(f.entityType)} ${escapeHtml(f.ref)}</td><td>${escapeHtml(f.updatedOn ?? '')}</td><td>${escapeHtml(ACTION_TEXT[f.action])}</td></tr>`)
    .join('\n');
  const table = last.findings.length
    ? `<table><thead><tr><th>Entity</th><th>In DOCUMENT_REQUESTED since</th><th>What the sweep did</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>None: every document request reached Folio.</p>';
  return `<h2>Stale requests</h2>${error}
<p class="tile">Entities in DOCUMENT_REQUESTED for more than ${status.graceMs / 1000} s: <strong id="stale-count">${last.stale}</strong>, ${last.requested} requested by the sweep of ${escapeHtml(last.finishedAt)}</p>
${table}`;
}
