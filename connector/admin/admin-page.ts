import { createHash } from 'node:crypto';
import type { Failure } from '../replay/failures.ts';

/**
 * The admin page's HTML. No JavaScript at all (forms do the work), one inline stylesheet allowed by
 * its hash, and every value from the database or a request escaped: failure reasons quote Fluent's
 * and providers' messages, which an attacker who can create entities partly controls.
 */
const STYLE = `
body{font:15px/1.4 system-ui,sans-serif;margin:2rem;color:#1d2330}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #d8dce3;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f5f8}.reason{max-width:40rem;word-break:break-word}.tile{font-size:1.1rem;margin:1rem 0}
.flash{background:#eef7ee;border:1px solid #9c9;padding:.5rem}.error{background:#fbeeee;border:1px solid #c99;padding:.5rem}
form.inline{display:inline}.muted{color:#667}`;

/** Strict CSP: nothing loads, nothing runs; forms may only post back here; no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="same-origin">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function loginPage(error?: string): string {
  return page(
    'Folio admin: log in',
    `<h1>Folio admin</h1>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/admin/login">
<label for="token">Admin token</label> <input id="token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">Log in</button></form>`,
  );
}

export interface FailuresView {
  failures: Failure[];
  /** Failures Fluent was told about: what its DOCUMENT_FAILED tile counts. */
  tileCount: number;
  csrf: string;
  flash?: { kind: 'flash' | 'error'; text: string };
  /** Further sections, already HTML (stale-requests-section.ts). */
  sections?: string[];
}

/** What the retry button posts: the document key when there is one, else the entity ref. */
export function retryTarget(failure: Failure): string {
  return failure.documentKey ?? failure.entityRef;
}

export function failuresPage(view: FailuresView): string {
  const rows = view.failures
    .map((f) => {
      const target = retryTarget(f);
      return `<tr data-entity-ref="${escapeHtml(f.entityRef)}">
<td>${escapeHtml(f.entityType ?? '')} ${escapeHtml(f.entityRef)}<div class="muted">${escapeHtml(f.tenant)}</div></td>
<td>${escapeHtml(f.documentType ?? '')}</td><td>${escapeHtml(f.number ?? '—')}</td>
<td class="reason">${escapeHtml(f.reason)}</td>
<td>${escapeHtml(f.failedAt.toISOString())}</td>
<td>${f.reportedToFluent ? 'yes' : 'no (job failed before it could report)'}</td>
<td><form class="inline" method="post" action="/admin/documents/${escapeHtml(encodeURIComponent(target))}/retry">
<input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}"><button type="submit">Retry</button></form></td></tr>`;
    })
    .join('\n');
  const table = view.failures.length
    ? `<table><thead><tr><th>Entity</th><th>Document</th><th>Number</th><th>Reason</th><th>Failed at</th><th>Reported to Fluent</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No failed documents.</p>';
  return page(
    'Folio admin: failed documents',
    `<h1>Failed documents</h1>
<p class="muted">This page has moved to the operator console, <a href="/console/failures">/console/failures</a>, where the admin token signs in as well; it stays here for scripts and bookmarks.</p>
${view.flash ? `<p class="${view.flash.kind}" role="status">${escapeHtml(view.flash.text)}</p>` : ''}
<p class="tile">Documents in DOCUMENT_FAILED (the Fluent dashboard tile): <strong id="failed-count">${view.tileCount}</strong></p>
${table}
${(view.sections ?? []).join('\n')}
<form method="post" action="/admin/logout"><input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}"><button type="submit">Log out</button></form>`,
  );
}
