import { getFormatter, getTranslations } from 'next-intl/server';
import { ERASED_RECIPIENT } from '@/lib/consent/erase';
import type { getContact } from '@/lib/ledger/get-contact';
import type { mailsForEvents } from '@/lib/mail/event-mails';
import { EventBadge } from './event-badge';
import { ResendMailButton } from './resend-mail-button';

type HistoryEvent = Awaited<ReturnType<typeof getContact>>['events'][number];
type EventMail = Awaited<ReturnType<typeof mailsForEvents>>[number];
type Rights = { proofs: boolean; mayResend: boolean };

const STATUS_CLASS = { sent: 'text-green-800', dead: 'text-red-800' } as Record<string, string>;

/** The mails an event caused (receipts, confirmation), with delivery status and, when allowed, a resend button. */
async function EventMails({ mails, contactId, mayResend }: { mails: EventMail[]; contactId: string; mayResend: boolean }) {
  const t = await getTranslations('ledger');
  if (mails.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1 text-gray-800" aria-label={t('mails')}>
      {mails.map((m) => (
        <li key={m.id} className="flex flex-wrap items-center gap-2" data-testid="event-mail">
          <span>{t(`mail_${m.kind as 'evidence_receipt'}`, { to: m.to })}</span>
          <span className={STATUS_CLASS[m.status] ?? 'text-amber-800'}>{t(`mailStatus_${m.status}`)}</span>
          <span className="text-gray-600">{t('mailAttempts', { n: m.attempts })}</span>
          {m.lastError && m.status !== 'sent' && <span className="text-xs text-red-800">{m.lastError.slice(0, 120)}</span>}
          {/* A mail to an erased person has no address left: nothing to resend (lib/mail/event-mails.ts refuses it too). */}
          {mayResend && m.status !== 'pending' && m.to !== ERASED_RECIPIENT && <ResendMailButton mailId={m.id} contactId={contactId} />}
        </li>
      ))}
    </ul>
  );
}

/** The WhatsApp message an event rests on (issue #17): its id, its time and what it was. */
async function WhatsappEvidence({ e }: { e: HistoryEvent }) {
  const t = await getTranslations('whatsappUi.evidence');
  const format = await getFormatter();
  const key = `kind_${e.evidenceKind}` as 'kind_keyword';
  return (
    <p className="text-gray-800" data-testid="event-whatsapp">
      {t('via', {
        messageId: e.evidenceMessageId ?? '–',
        date: e.evidenceMessageAt ? format.dateTime(e.evidenceMessageAt, { dateStyle: 'medium', timeStyle: 'medium' }) : '–',
        kind: t.has(key) ? t(key) : (e.evidenceKind ?? ''),
      })}
    </p>
  );
}

/** One event of the history: time, type, seq, notice and event hash, receipt downloads, its mails. */
async function HistoryEntry({ e, mails, contactId, rights }: { e: HistoryEvent; mails: EventMail[]; contactId: string; rights: Rights }) {
  const t = await getTranslations('ledger');
  const format = await getFormatter();
  return (
    <li className="flex flex-col gap-2 px-4 py-3 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <span className="whitespace-nowrap">{format.dateTime(e.occurredAt, { dateStyle: 'medium', timeStyle: 'medium' })}</span>
        <EventBadge type={e.type} />
        <span className="text-gray-700">{e.seq === null ? t('recorded') : `#${e.seq}`}</span>
        {e.sealedIn !== null && (
          <span className="text-gray-700" data-testid="event-seal">
            {t('sealedIn', { n: e.sealedIn })}
          </span>
        )}
        {e.noticeHash && (
          <span className="font-mono text-xs text-gray-700" title={e.noticeHash}>
            {t('noticeHashShort', { hash: e.noticeHash.slice(0, 12) })}
          </span>
        )}
        <span className="ml-auto font-mono text-xs" title={e.hash}>
          {e.hash.slice(0, 16)}…
        </span>
      </div>
      {e.evidenceChannel === 'whatsapp' && <WhatsappEvidence e={e} />}
      {rights.proofs && (
        <div className="flex flex-wrap gap-4">
          <a href={`/dashboard/ledger/events/${e.id}/receipt.pdf`} className="link" download>
            {t('downloadReceipt')}
          </a>
          <a href={`/dashboard/ledger/events/${e.id}/receipt.json`} className="link" download>
            {t('downloadReceiptJson')}
          </a>
        </div>
      )}
      <EventMails mails={mails} contactId={contactId} mayResend={rights.mayResend} />
    </li>
  );
}

/** A contact's whole history in the dashboard, newest first as loaded. */
export async function ContactHistory({ contactId, events, mails, rights }: { contactId: string; events: HistoryEvent[]; mails: EventMail[]; rights: Rights }) {
  const t = await getTranslations('ledger');
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h" className="mb-2 text-lg font-semibold">
        {t('history')}
      </h2>
      <ol className="card flex flex-col divide-y divide-gray-100 p-0">
        {events.map((e) => (
          <HistoryEntry key={e.id} e={e} mails={mails.filter((m) => m.relatedId === e.id)} contactId={contactId} rights={rights} />
        ))}
      </ol>
    </section>
  );
}
