import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { EventBadge } from '@/components/ledger/event-badge';
import { ResendMailButton } from '@/components/ledger/resend-mail-button';
import { WithdrawForContact } from '@/components/ledger/withdraw-for-contact';
import { requireMember } from '@/lib/auth/member-context';
import { can } from '@/lib/auth/permissions';
import { withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { getContact } from '@/lib/ledger/get-contact';
import { mailsForEvents } from '@/lib/mail/event-mails';

// GET /dashboard/ledger/contacts/[contactId] – one contact: current state and the full event history.
export default async function ContactPage({ params }: { params: Promise<{ contactId: string }> }) {
  const ctx = await requireMember('ledger.read');
  const { contactId } = await params;
  if (!z.uuid().safeParse(contactId).success) notFound();
  const t = await getTranslations('ledger');
  const tc = await getTranslations('consent');
  const format = await getFormatter();
  const { contact, events, mails } = await withTenant(ctx.tenantId, async (tx) => {
    const found = await getContact(tx, ctx.tenantId, contactId);
    return { ...found, mails: await mailsForEvents(tx, ctx.tenantId, found.events.map((e) => e.id)) };
  }).catch((err) => {
    if (err instanceof DomainError) notFound();
    throw err;
  });
  const proofs = can(ctx.role, 'proofs.download');
  const mayResend = can(ctx.role, 'mail.resend');
  const canWithdraw = (contact.status === 'opted_in' || contact.status === 'pending') && can(ctx.role, 'contacts.withdraw');
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{contact.name ?? t('anonymous')}</h1>
        {proofs && (
          <a href={`/dashboard/ledger/contacts/${contact.id}/history.pdf`} className="btn-secondary" download>
            {t('downloadHistory')}
          </a>
        )}
      </div>
      <dl className="card grid gap-2 sm:grid-cols-[12rem_1fr]">
        <dt className="font-semibold">{t('phone')}</dt>
        <dd>{contact.phoneE164 ?? '–'}</dd>
        <dt className="font-semibold">{t('email')}</dt>
        <dd>{contact.email ?? '–'}</dd>
        <dt className="font-semibold">{t('status')}</dt>
        <dd data-testid="contact-status">
          {tc(`status_${contact.status}`)} · {format.dateTime(contact.statusAt, { dateStyle: 'medium', timeStyle: 'short' })}
        </dd>
      </dl>
      {canWithdraw && (
        <section className="card" aria-labelledby="withdraw-h">
          <h2 id="withdraw-h" className="mb-2 font-semibold">
            {t('withdrawOnRequest')}
          </h2>
          <p className="mb-3 text-sm text-gray-700">{t('withdrawOnRequestHint')}</p>
          <WithdrawForContact contactId={contact.id} />
        </section>
      )}
      <section aria-labelledby="history-h">
        <h2 id="history-h" className="mb-2 text-lg font-semibold">
          {t('history')}
        </h2>
        <ol className="card flex flex-col divide-y divide-gray-100 p-0">
          {events.map((e) => (
            <li key={e.id} className="flex flex-col gap-2 px-4 py-3 text-sm">
              <div className="flex flex-wrap items-center gap-3">
              <span className="whitespace-nowrap">{format.dateTime(e.occurredAt, { dateStyle: 'medium', timeStyle: 'medium' })}</span>
              <EventBadge type={e.type} />
              <span className="text-gray-700">#{e.seq}</span>
              {e.noticeHash && (
                <span className="font-mono text-xs text-gray-700" title={e.noticeHash}>
                  {t('noticeHashShort', { hash: e.noticeHash.slice(0, 12) })}
                </span>
              )}
              <span className="ml-auto font-mono text-xs" title={e.hash}>
                {e.hash.slice(0, 16)}…
              </span>
              </div>
              {proofs && (
                <div className="flex flex-wrap gap-4">
                  <a href={`/dashboard/ledger/events/${e.id}/receipt.pdf`} className="link" download>
                    {t('downloadReceipt')}
                  </a>
                  <a href={`/dashboard/ledger/events/${e.id}/receipt.json`} className="link" download>
                    {t('downloadReceiptJson')}
                  </a>
                </div>
              )}
              {mails.filter((m) => m.relatedId === e.id).length > 0 && (
                <ul className="flex flex-col gap-1 text-gray-800" aria-label={t('mails')}>
                  {mails
                    .filter((m) => m.relatedId === e.id)
                    .map((m) => (
                      <li key={m.id} className="flex flex-wrap items-center gap-2" data-testid="event-mail">
                        <span>{t(`mail_${m.kind as 'evidence_receipt'}`, { to: m.to })}</span>
                        <span className={m.status === 'sent' ? 'text-green-800' : m.status === 'dead' ? 'text-red-800' : 'text-amber-800'}>
                          {t(`mailStatus_${m.status}`)}
                        </span>
                        <span className="text-gray-600">{t('mailAttempts', { n: m.attempts })}</span>
                        {m.lastError && m.status !== 'sent' && <span className="text-xs text-red-800">{m.lastError.slice(0, 120)}</span>}
                        {mayResend && m.status !== 'pending' && <ResendMailButton mailId={m.id} contactId={contact.id} />}
                      </li>
                    ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
