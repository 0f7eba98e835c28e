CREATE TABLE "address_book_checks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_by" uuid,
	"format" text NOT NULL,
	"region" text NOT NULL,
	"cards" integer NOT NULL,
	"stay" integer NOT NULL,
	"go" integer NOT NULL,
	"unknown" integer NOT NULL,
	"waiting" integer NOT NULL,
	"skipped" integer NOT NULL,
	"invites" integer DEFAULT 0 NOT NULL,
	"file_sha256" text NOT NULL,
	"cleaned_sha256" text NOT NULL,
	"notice_versions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_reason" text,
	CONSTRAINT "address_book_checks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "address_book_imports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"payload" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "address_book_imports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "address_book_checks" ADD CONSTRAINT "address_book_checks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "address_book_checks" ADD CONSTRAINT "address_book_checks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "address_book_imports" ADD CONSTRAINT "address_book_imports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "address_book_imports" ADD CONSTRAINT "address_book_imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "address_book_imports" ADD CONSTRAINT "address_book_imports_tenant_id_id_address_book_checks_tenant_id_id_fk" FOREIGN KEY ("tenant_id","id") REFERENCES "public"."address_book_checks"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "address_book_checks_tenant_created_idx" ON "address_book_checks" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "address_book_imports_expires_idx" ON "address_book_imports" USING btree ("expires_at");--> statement-breakpoint
-- Address-book checks (issue #12). The app role reads and writes both tables inside withTenant; the import rows are
-- deleted on "finish" and by the 24 h sweep (the page's lazy sweep runs as the app role, the worker's as the owner).
-- No FORCE: the worker's cross-tenant sweep runs as the owner through withSystem, like the other tables.
GRANT SELECT, INSERT, UPDATE ON address_book_checks TO einwilligung_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON address_book_imports TO einwilligung_app;
--> statement-breakpoint
ALTER TABLE address_book_checks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE address_book_imports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON address_book_checks USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
CREATE POLICY tenant_isolation ON address_book_imports USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
