/**
 * rule.ts's log action carries only a message, but Fluent's core rules distinguish "could not do my
 * job" audit events (e.g. SendWebhook without its setting, REFERENCE.md §1.1) from plain logs. Core rules
 * mark those messages with this prefix; the runner records them as FAILED audit events. Keeping the
 * convention here avoids changing the shared Rule interface.
 */
const FAILURE_PREFIX = 'FAILED: ';

export const auditFailure = (message: string): string => `${FAILURE_PREFIX}${message}`;

export function readAudit(message: string): { failed: boolean; message: string } {
  return message.startsWith(FAILURE_PREFIX)
    ? { failed: true, message: message.slice(FAILURE_PREFIX.length) }
    : { failed: false, message };
}
