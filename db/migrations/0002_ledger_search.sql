-- Ledger search (lib/ledger/search.ts) is a substring match on contacts.name (ILIKE) and contacts.phone_e164 (LIKE):
-- trigram GIN indexes serve both. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it
-- without superuser rights. PGlite must load it whenever it opens the database (db/index.ts pgliteExtensions).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_phone_trgm_idx" ON "contacts" USING gin ("phone_e164" gin_trgm_ops);--> statement-breakpoint
-- The keyset index gains `type` as a last column: the dashboard's weekly counts become an index-only scan.
DROP INDEX "consent_events_tenant_time_idx";--> statement-breakpoint
CREATE INDEX "consent_events_tenant_time_idx" ON "consent_events" USING btree ("tenant_id","occurred_at","id","type");--> statement-breakpoint
-- Under row-level security the planner may not evaluate a non-leakproof operator (LIKE/ILIKE are not) before the
-- policy, so the app role never gets the trigram indexes: a seq scan of the tenant's contacts on every search.
-- This function runs as the owner (no RLS, indexes usable) and scopes to the tenant itself, reading the same
-- setting as the policies; it returns at most max_rows ids. Dynamic SQL so each call is planned with its patterns.
CREATE OR REPLACE FUNCTION ledger_search_contacts(name_pattern text, phone_pattern text, max_rows integer)
RETURNS TABLE (id uuid) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF phone_pattern IS NULL THEN
    RETURN QUERY EXECUTE 'SELECT c.id FROM contacts c WHERE c.tenant_id = app_current_tenant() AND c.name ILIKE $1 LIMIT $2'
      USING name_pattern, max_rows;
  ELSE
    RETURN QUERY EXECUTE 'SELECT c.id FROM contacts c WHERE c.tenant_id = app_current_tenant() AND (c.name ILIKE $1 OR c.phone_e164 LIKE $2) LIMIT $3'
      USING name_pattern, phone_pattern, max_rows;
  END IF;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION ledger_search_contacts(text, text, integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ledger_search_contacts(text, text, integer) TO einwilligung_app;
