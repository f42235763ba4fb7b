-- The reconciliation sweep and `folio backfill` (connector/reconcile) ask, per page of Fluent entities,
-- whether Folio already holds a request for each: inbox rows by the entity they are about.
CREATE INDEX IF NOT EXISTS folio_inbox_by_entity ON folio_inbox ((event->>'entityType'), (event->>'entityRef'));
