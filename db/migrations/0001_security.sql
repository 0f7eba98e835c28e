-- Tenant isolation, append-only ledger and immutable published notices, enforced by the database itself.
-- The app runs tenant queries as the non-owner role einwilligung_app (lib/db/with-tenant.ts: SET LOCAL ROLE), so
-- row-level security applies even where a query forgets its WHERE clause.
DO $$
BEGIN
  BEGIN
    CREATE ROLE einwilligung_app NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- roles are cluster-wide: another database of this cluster created it already
  END;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT einwilligung_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$
  -- nullif: after one set_config(..., true) a connection reads the unset setting as '' rather than NULL.
  SELECT nullif(current_setting('app.tenant_id', true), '')::uuid
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO einwilligung_app;
--> statement-breakpoint
GRANT SELECT, UPDATE ON tenants TO einwilligung_app;
--> statement-breakpoint
GRANT SELECT ON users TO einwilligung_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, member_invitations, privacy_notices, notice_versions, invite_links, contacts TO einwilligung_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log, consent_events TO einwilligung_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON ledger_heads, mail_outbox TO einwilligung_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO einwilligung_app;
--> statement-breakpoint
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tenants USING (id = app_current_tenant());
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['memberships','member_invitations','audit_log','privacy_notices','notice_versions',
                           'invite_links','contacts','consent_events','ledger_heads','mail_outbox']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON consent_events
  FOR EACH ROW EXECUTE FUNCTION consent_events_append_only();
--> statement-breakpoint
CREATE TRIGGER consent_events_no_truncate BEFORE TRUNCATE ON consent_events
  FOR EACH STATEMENT EXECUTE FUNCTION consent_events_append_only();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION notice_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'notice version % is published and immutable', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER notice_versions_immutable BEFORE UPDATE OR DELETE ON notice_versions
  FOR EACH ROW EXECUTE FUNCTION notice_versions_immutable();
