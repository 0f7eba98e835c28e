/** Mirrors of the consent_event_type and contact_status enums (db/schema/enums.ts). */
export const EVENT_TYPES = ['opt_in', 'opt_out', 'confirmed', 'withdrawn', 'erased'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const CONTACT_STATUSES = ['pending', 'opted_in', 'opted_out', 'withdrawn', 'erased'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
export type Decision = 'opt_in' | 'opt_out';
