import type { AuditSpec } from '@/lib/audit/declared';

/** The audit row of a dashboard download of one event's receipt (memberRoute writes it in the gathering transaction). */
export function receiptAudit(format: 'pdf' | 'json'): AuditSpec<{ params: { eventId: string } }, unknown> {
  return { action: 'proof.download', target: ({ params }) => ({ type: 'event', id: params.eventId }), details: () => ({ format }) };
}
