-- Shopper portal: used-up and expired sign-in links are deleted a day after they expire (connector/portal).
CREATE INDEX IF NOT EXISTS folio_portal_magic_links_by_expiry ON folio_portal_magic_links (expires_at);
