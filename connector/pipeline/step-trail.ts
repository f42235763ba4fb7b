import type { AuditEventInput, AuditSink } from '../core/ports/audit-sink.ts';

/**
 * The audit events of one pipeline run. A step that leaves nothing lasting behind (fetched, rendered) is
 * held and written with the next step that does (stored, reported), in the same statement and in order,
 * so a document costs two trail writes instead of four. A held step is stamped when it is written: the
 * trail's order is its ids', and a crash before the next lasting step loses only steps that a retry
 * does again. `flush` writes what is held when the run fails, before the failure is recorded.
 */
export interface StepTrail {
  hold(event: AuditEventInput): void;
  record(event: AuditEventInput): Promise<void>;
  flush(): Promise<void>;
}

export function stepTrail(audit: AuditSink): StepTrail {
  const held: AuditEventInput[] = [];
  const write = async (events: AuditEventInput[]) => {
    // Submitted in one turn of the event loop: the audit trail's group commit writes them as one batch.
    await Promise.all(events.map((event) => audit.record(event)));
  };
  return {
    hold: (event) => void held.push(event),
    record: (event) => write([...held.splice(0), event]),
    flush: () => write(held.splice(0)),
  };
}
