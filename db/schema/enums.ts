import { pgEnum } from 'drizzle-orm/pg-core';

// Mirrored by TypeScript unions in lib/: keep both in step (lib/auth/permissions.ts, lib/consent/types.ts).
export const memberRole = pgEnum('member_role', ['owner', 'admin', 'dpo', 'sales']);
export const noticeStatus = pgEnum('notice_status', ['draft', 'published']);
export const consentEventType = pgEnum('consent_event_type', ['opt_in', 'opt_out', 'confirmed', 'withdrawn', 'erased']);
export const contactStatus = pgEnum('contact_status', ['pending', 'opted_in', 'opted_out', 'withdrawn', 'erased']);
export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'dead']);
export const language = pgEnum('language', ['de', 'en']);
/** Mail a person waits for (sign-in, invitation, confirmation link, own receipt) goes before bulk evidence mail. */
export const mailLane = pgEnum('mail_lane', ['interactive', 'bulk']);
/** Evidence to the tenant's evidence address: one mail per decision, or an hourly or daily digest. */
export const evidenceDelivery = pgEnum('evidence_delivery', ['each', 'hourly', 'daily']);
