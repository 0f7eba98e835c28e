CREATE TYPE "public"."evidence_delivery" AS ENUM('each', 'hourly', 'daily');--> statement-breakpoint
CREATE TYPE "public"."mail_lane" AS ENUM('interactive', 'bulk');--> statement-breakpoint
CREATE TABLE "evidence_digests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"from_seq" bigint NOT NULL,
	"to_seq" bigint NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"mail_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_digests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "evidence_digests_from_key" UNIQUE("tenant_id","from_seq")
);
--> statement-breakpoint
CREATE TABLE "mail_rate_limits" (
	"name" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "evidence_delivery" "evidence_delivery" DEFAULT 'each' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "setup_dismissed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "lane" "mail_lane" DEFAULT 'bulk' NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_digests" ADD CONSTRAINT "evidence_digests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_lane_due_idx" ON "mail_outbox" USING btree ("status","lane","next_attempt_at");--> statement-breakpoint
-- Mail already queued keeps its place: what a person waits for moves to the interactive lane.
UPDATE mail_outbox SET lane = 'interactive' WHERE kind IN ('magic_link', 'member_invitation', 'double_opt_in', 'contact_receipt');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON evidence_digests TO einwilligung_app;
--> statement-breakpoint
ALTER TABLE evidence_digests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON evidence_digests USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
