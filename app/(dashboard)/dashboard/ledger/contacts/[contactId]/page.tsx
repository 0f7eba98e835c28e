import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { EventBadge } from '@/components/ledger/event-badge';
import { WithdrawForContact } from '@/components/ledger/withdraw-for-contact';
import { requireMember } from '@/lib/auth/member-context';
import { can } from '@/lib/auth/permissions';
import { withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { getContact } from '@/lib/ledger/get-contact';

// GET /dashboard/ledger/contacts/[contactId] – one contact: current state and the full event history.
export default async function ContactPage({ params }: { params: Promise<{ contactId: string }> }) {
  const ctx = await requireMember('ledger.read');
  const { contactId } = await params;
  if (!z.uuid().safeParse(contactId).success) notFound();
  const t = await getTranslations('ledger');
  const tc = await getTranslations('consent');
  const format = await getFormatter();
  const { contact, events } = await withTenant(ctx.tenantId, (tx) => getContact(tx, ctx.tenantId, contactId)).catch((err) => {
    if (err instanceof DomainError) notFound();
    throw err;
  });
  const canWithdraw = (contact.status === 'opted_in' || contact.status === 'pending') && can(ctx.role, 'contacts.withdraw');
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{contact.name ?? t('anonymous')}</h1>
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
            <li key={e.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
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
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
