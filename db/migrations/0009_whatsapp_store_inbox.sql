-- The webhook's one statement per delivery (issue #17, lib/whatsapp/receive-webhook.ts). The caller routed the
-- delivery by phone_number_id from its in-memory cache (tenant, app secret, the connection's updated_at as version);
-- this function checks, as the connection's owner role, that the routing is still current (same tenant, number and
-- version: a reconnect or disconnect elsewhere makes it -1, and the caller looks the number up again), then switches
-- to the app role with the tenant's setting — the same scope as withTenant, so row-level security checks every
-- inserted row — and stores the items, duplicates dropped by the unique key. Returns the number of rows stored.
-- SECURITY INVOKER: the role switch needs it, and the SET clause confines the switch to the function call.
CREATE OR REPLACE FUNCTION whatsapp_store_inbox(p_tenant uuid, p_phone_number_id text, p_version text, p_items jsonb)
RETURNS integer LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
DECLARE stored integer;
BEGIN
  PERFORM 1 FROM whatsapp_connections c
    WHERE c.phone_number_id = p_phone_number_id AND c.tenant_id = p_tenant AND c.updated_at = p_version::timestamptz;
  IF NOT FOUND THEN
    RETURN -1;
  END IF;
  PERFORM set_config('app.tenant_id', p_tenant::text, true), set_config('role', 'einwilligung_app', true);
  INSERT INTO whatsapp_inbox (tenant_id, external_key, kind, message_id, wa_id, user_id, item_type, body, details, occurred_at)
    SELECT p_tenant, i.external_key, i.kind, i.message_id, i.wa_id, i.user_id, i.item_type, i.body, i.details, i.occurred_at
    FROM jsonb_to_recordset(p_items) AS i(external_key text, kind text, message_id text, wa_id text, user_id text,
                                         item_type text, body text, details jsonb, occurred_at timestamptz)
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS stored = ROW_COUNT;
  RETURN stored;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION whatsapp_store_inbox(uuid, text, text, jsonb) FROM PUBLIC;
