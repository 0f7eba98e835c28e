CREATE TABLE "consent_event_senders" (
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"wa_id" text,
	"user_id" text,
	"salt" text,
	"erased_at" timestamp with time zone,
	CONSTRAINT "consent_event_senders_tenant_id_event_id_pk" PRIMARY KEY("tenant_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "whatsapp_connections" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"phone_number_id" text NOT NULL,
	"business_account_id" text NOT NULL,
	"display_number" text NOT NULL,
	"access_token_enc" text NOT NULL,
	"app_secret_enc" text NOT NULL,
	"verify_token_enc" text NOT NULL,
	"verify_token_hash" text NOT NULL,
	"simulated" boolean DEFAULT false NOT NULL,
	"last_webhook_at" timestamp with time zone,
	"last_test_at" timestamp with time zone,
	"last_test_ok" boolean,
	"connected_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "whatsapp_connections_phone_number_id_key" UNIQUE("phone_number_id"),
	CONSTRAINT "whatsapp_connections_verify_token_hash_key" UNIQUE("verify_token_hash")
);
--> statement-breakpoint
CREATE TABLE "whatsapp_inbox" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"external_key" text NOT NULL,
	"kind" text NOT NULL,
	"message_id" text,
	"wa_id" text,
	"user_id" text,
	"item_type" text,
	"body" text,
	"details" jsonb,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"processed_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "whatsapp_inbox_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "whatsapp_inbox_external_key" UNIQUE("tenant_id","external_key")
);
--> statement-breakpoint
CREATE TABLE "whatsapp_keywords" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"keyword" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "whatsapp_keywords_tenant_id_kind_keyword_pk" PRIMARY KEY("tenant_id","kind","keyword")
);
--> statement-breakpoint
CREATE TABLE "whatsapp_outbox" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"to_wa_id" text NOT NULL,
	"contact_id" uuid,
	"body" text NOT NULL,
	"reply_to_message_id" text,
	"reply_window_ends_at" timestamp with time zone,
	"retry" boolean DEFAULT true NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"error_code" integer,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "whatsapp_outbox_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "whatsapp_outbox_idem_key" UNIQUE("tenant_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "whatsapp_ownership_codes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code_hash" text NOT NULL,
	"purpose" text DEFAULT 'confirm' NOT NULL,
	"contact_id" uuid,
	"identity_id" uuid,
	"phone_e164" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_message_id" text,
	"event_id" uuid,
	"mismatches" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "whatsapp_ownership_codes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "whatsapp_ownership_codes_hash_key" UNIQUE("tenant_id","code_hash")
);
--> statement-breakpoint
CREATE TABLE "whatsapp_preferences" (
	"tenant_id" uuid NOT NULL,
	"wa_id" text NOT NULL,
	"category" text NOT NULL,
	"value" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "whatsapp_preferences_tenant_id_wa_id_category_pk" PRIMARY KEY("tenant_id","wa_id","category")
);
--> statement-breakpoint
CREATE TABLE "whatsapp_review_messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"inbox_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"wa_id" text,
	"contact_id" uuid,
	"body" text,
	"message_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	CONSTRAINT "whatsapp_review_messages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "whatsapp_review_inbox_key" UNIQUE("tenant_id","inbox_id")
);
--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "evidence_channel" text;--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "evidence_kind" text;--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "evidence_message_id" text;--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "evidence_message_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "evidence_sender_hash" text;--> statement-breakpoint
ALTER TABLE "consent_event_senders" ADD CONSTRAINT "consent_event_senders_tenant_id_event_id_consent_events_tenant_id_id_fk" FOREIGN KEY ("tenant_id","event_id") REFERENCES "public"."consent_events"("tenant_id","id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD CONSTRAINT "whatsapp_connections_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD CONSTRAINT "whatsapp_connections_connected_by_users_id_fk" FOREIGN KEY ("connected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_inbox" ADD CONSTRAINT "whatsapp_inbox_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_keywords" ADD CONSTRAINT "whatsapp_keywords_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_outbox" ADD CONSTRAINT "whatsapp_outbox_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_outbox" ADD CONSTRAINT "whatsapp_outbox_tenant_id_contact_id_contacts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_ownership_codes" ADD CONSTRAINT "whatsapp_ownership_codes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_ownership_codes" ADD CONSTRAINT "whatsapp_ownership_codes_tenant_id_contact_id_contacts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_ownership_codes" ADD CONSTRAINT "whatsapp_ownership_codes_tenant_id_identity_id_contact_identities_tenant_id_id_fk" FOREIGN KEY ("tenant_id","identity_id") REFERENCES "public"."contact_identities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_preferences" ADD CONSTRAINT "whatsapp_preferences_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_review_messages" ADD CONSTRAINT "whatsapp_review_messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_review_messages" ADD CONSTRAINT "whatsapp_review_messages_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_review_messages" ADD CONSTRAINT "whatsapp_review_messages_tenant_id_inbox_id_whatsapp_inbox_tenant_id_id_fk" FOREIGN KEY ("tenant_id","inbox_id") REFERENCES "public"."whatsapp_inbox"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_review_messages" ADD CONSTRAINT "whatsapp_review_messages_tenant_id_contact_id_contacts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "whatsapp_inbox_due_idx" ON "whatsapp_inbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "whatsapp_inbox_sender_idx" ON "whatsapp_inbox" USING btree ("tenant_id","wa_id","occurred_at");--> statement-breakpoint
CREATE INDEX "whatsapp_outbox_due_idx" ON "whatsapp_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "whatsapp_outbox_provider_idx" ON "whatsapp_outbox" USING btree ("tenant_id","provider_message_id");--> statement-breakpoint
CREATE INDEX "whatsapp_ownership_codes_contact_idx" ON "whatsapp_ownership_codes" USING btree ("tenant_id","contact_id");--> statement-breakpoint
CREATE INDEX "whatsapp_review_open_idx" ON "whatsapp_review_messages" USING btree ("tenant_id","reviewed_at","created_at");--> statement-breakpoint
-- WhatsApp channel (issue #17). Tenant tables as 0001/0003/0004: tenant_id in every key, the app role's grants,
-- row-level security by app.tenant_id. Routing an inbound webhook to its tenant (phone_number_id) and the workers'
-- claims are system queries (lib/db/with-tenant.ts withSystem), like resolving a link token.
GRANT SELECT, INSERT, UPDATE, DELETE ON whatsapp_connections, whatsapp_keywords, whatsapp_preferences TO einwilligung_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON whatsapp_inbox, whatsapp_outbox, whatsapp_ownership_codes, whatsapp_review_messages, consent_event_senders TO einwilligung_app;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['whatsapp_connections','whatsapp_inbox','whatsapp_outbox','whatsapp_ownership_codes',
                           'whatsapp_review_messages','whatsapp_keywords','whatsapp_preferences','consent_event_senders']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- The sender of a WhatsApp message an event rests on: written once with its event; the one change allowed is erasure
-- (wa_id, user id and salt cleared together), which leaves the event's salted commitment unlinkable.
CREATE OR REPLACE FUNCTION consent_event_senders_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.wa_id IS NULL AND NEW.user_id IS NULL AND NEW.salt IS NULL AND NEW.erased_at IS NOT NULL
     AND NEW.tenant_id = OLD.tenant_id AND NEW.event_id = OLD.event_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'consent_event_senders is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER consent_event_senders_append_only BEFORE UPDATE OR DELETE ON consent_event_senders
  FOR EACH ROW EXECUTE FUNCTION consent_event_senders_append_only();
