import type { AuditEvent } from '../core/ports/audit-sink.ts';

/** One line per event, for `folio audit <document or ref>`. */
export function formatAuditTrail(events: AuditEvent[]): string {
  if (events.length === 0) return 'no audit events';
  return events
    .map((event) => {
      const parts = [event.at.toISOString(), event.step.padEnd(13)];
      if (event.channel) parts.push(`channel=${event.channel}`);
      if (event.documentKey) parts.push(`document=${event.documentKey}`);
      if (event.entityRef) parts.push(`ref=${event.entityRef}`);
      if (event.sha256) parts.push(`sha256=${event.sha256.slice(0, 12)}…`);
      if (event.recipientHash) parts.push(`recipient=${event.recipientHash.slice(0, 12)}…`);
      if (Object.keys(event.details).length > 0) parts.push(JSON.stringify(event.details));
      return parts.join('  ');
    })
    .join('\n');
}
