CREATE TABLE "contact_identities" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"name" text,
	"phone_e164" text,
	"email" text,
	"pii_salt" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"erased_at" timestamp with time zone,
	CONSTRAINT "contact_identities_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "ledger_verifications" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"last_hash" text NOT NULL,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenants" ALTER COLUMN "double_opt_in" SET DEFAULT true;--> statement-breakpoint
ALTER TABLE "invite_links" ADD COLUMN "token" text;--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "identity_id" uuid;--> statement-breakpoint
ALTER TABLE "contact_identities" ADD CONSTRAINT "contact_identities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_identities" ADD CONSTRAINT "contact_identities_tenant_id_contact_id_contacts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_verifications" ADD CONSTRAINT "ledger_verifications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_identities_contact_idx" ON "contact_identities" USING btree ("tenant_id","contact_id","created_at");--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_tenant_id_identity_id_contact_identities_tenant_id_id_fk" FOREIGN KEY ("tenant_id","identity_id") REFERENCES "public"."contact_identities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Identity versions (issue #11, item 2): every existing contact's data becomes its first version, with the contact's
-- own salt and id, and the events that committed to it reference it. identity_id is not part of an event's hash,
-- so filling it in changes no hash; the append-only trigger is lifted for this one statement only.
INSERT INTO contact_identities (tenant_id, id, contact_id, name, phone_e164, email, pii_salt, created_at, erased_at)
  SELECT tenant_id, id, id, name, phone_e164, email, pii_salt, created_at, CASE WHEN status = 'erased' THEN status_at END
  FROM contacts;
--> statement-breakpoint
ALTER TABLE consent_events DISABLE TRIGGER consent_events_append_only;
--> statement-breakpoint
UPDATE consent_events SET identity_id = contact_id WHERE pii_hash IS NOT NULL;
--> statement-breakpoint
ALTER TABLE consent_events ENABLE TRIGGER consent_events_append_only;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION contact_identities_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The one change allowed is erasure: data and salt cleared together, nothing else touched.
  IF TG_OP = 'UPDATE' AND NEW.name IS NULL AND NEW.phone_e164 IS NULL AND NEW.email IS NULL AND NEW.pii_salt IS NULL
     AND NEW.erased_at IS NOT NULL AND NEW.tenant_id = OLD.tenant_id AND NEW.id = OLD.id
     AND NEW.contact_id = OLD.contact_id AND NEW.created_at = OLD.created_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'contact_identities is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER contact_identities_append_only BEFORE UPDATE OR DELETE ON contact_identities
  FOR EACH ROW EXECUTE FUNCTION contact_identities_append_only();
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON contact_identities, ledger_verifications TO einwilligung_app;
--> statement-breakpoint
ALTER TABLE contact_identities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON contact_identities USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE ledger_verifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ledger_verifications USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
