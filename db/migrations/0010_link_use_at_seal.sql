-- An unlimited invite link's use is counted when its event is sealed (issue #16): the submission marks its queue row
-- with the link, and the sequencer adds a batch's uses per link in its batch transaction — exactly once, since the
-- queue row is deleted in the same transaction. A link with a use limit is still counted at the append, atomically.
ALTER TABLE "ledger_queue" ADD COLUMN "link_use" uuid;
--> statement-breakpoint
ALTER TABLE "ledger_queue" ADD CONSTRAINT "ledger_queue_link_use_fk" FOREIGN KEY ("tenant_id", "link_use") REFERENCES "invite_links"("tenant_id", "id");
