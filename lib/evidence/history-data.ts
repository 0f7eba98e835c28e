import 'server-only';
import type { Tx } from '@/db';
import { appUrl } from '@/lib/config';
import { loadController } from './load-controller';
import { loadContact, loadContactEvents, loadNoticeVersions } from './load-events';
import type { HistoryData } from './types';

/** A contact's full history for the history PDF: every event in chain order and the notice versions they name. */
export async function gatherContactHistory(tx: Tx, tenantId: string, contactId: string): Promise<HistoryData> {
  const events = await loadContactEvents(tx, tenantId, contactId);
  // The data of the latest event that recorded any ("not found" for another tenant's contact).
  const contact = await loadContact(tx, tenantId, contactId, events.findLast((e) => e.identityId)?.identityId ?? null);
  const noticeIds = events.flatMap((e) => (e.noticeVersionId ? [e.noticeVersionId] : []));
  return {
    controller: await loadController(tx, tenantId),
    contactId,
    contact,
    events,
    notices: await loadNoticeVersions(tx, tenantId, noticeIds),
    verifyBaseUrl: `${appUrl()}/verify/`,
    generatedAt: new Date(),
  };
}
