import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ContactDetails } from '@/components/ledger/contact-details';
import { ContactHistory } from '@/components/ledger/contact-history';
import { EraseContact } from '@/components/ledger/erase-contact';
import { WithdrawForContact } from '@/components/ledger/withdraw-for-contact';
import { requireMember } from '@/lib/auth/member-context';
import { can } from '@/lib/auth/permissions';
import { contactsSharingData } from '@/lib/consent/erase';
import { withTenant } from '@/lib/db/with-tenant';
import { orNotFound, paramOrNotFound } from '@/lib/http/page-guards';
import { getContact } from '@/lib/ledger/get-contact';
import { mailsForEvents } from '@/lib/mail/event-mails';

// GET /dashboard/ledger/contacts/[contactId] – one contact: current state and the full event history.
export default async function ContactPage({ params }: { params: Promise<{ contactId: string }> }) {
  const ctx = await requireMember('ledger.read');
  const contactId = paramOrNotFound(z.uuid(), (await params).contactId);
  const t = await getTranslations('ledger');
  const tp = await getTranslations('privacy.dashboard');
  const mayErase = can(ctx.role, 'contacts.erase');
  const { contact, events, mails, sameData } = await orNotFound(
    withTenant(ctx.tenantId, async (tx) => {
      const found = await getContact(tx, ctx.tenantId, contactId);
      const sameData = mayErase && found.contact.status !== 'erased' ? await contactsSharingData(tx, ctx.tenantId, contactId) : [];
      return { ...found, sameData, mails: await mailsForEvents(tx, ctx.tenantId, found.events.map((e) => e.id)) };
    }),
  );
  const rights = { proofs: can(ctx.role, 'proofs.download'), mayResend: can(ctx.role, 'mail.resend') };
  const canWithdraw = (contact.status === 'opted_in' || contact.status === 'pending') && can(ctx.role, 'contacts.withdraw');
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{contact.name ?? t('anonymous')}</h1>
        {rights.proofs && (
          <a href={`/dashboard/ledger/contacts/${contact.id}/history.pdf`} className="btn-secondary" download>
            {t('downloadHistory')}
          </a>
        )}
      </div>
      <ContactDetails contact={contact} />
      {canWithdraw && (
        <section className="card" aria-labelledby="withdraw-h">
          <h2 id="withdraw-h" className="mb-2 font-semibold">
            {t('withdrawOnRequest')}
          </h2>
          <p className="mb-3 text-sm text-gray-700">{t('withdrawOnRequestHint')}</p>
          <WithdrawForContact contactId={contact.id} />
        </section>
      )}
      {contact.status === 'erased' && (
        <p className="notice-ok" role="status" data-testid="contact-erased">
          {tp('erased')}
        </p>
      )}
      {mayErase && contact.status !== 'erased' && (
        <section className="card" aria-labelledby="erase-h">
          <h2 id="erase-h" className="mb-2 font-semibold">
            {tp('title')}
          </h2>
          <p className="mb-3 text-sm text-gray-700">{tp('hint')}</p>
          <EraseContact
            contactId={contact.id}
            sameCount={sameData.length}
            labels={{ reason: tp('reason'), reasonHint: tp('reasonHint'), sameData: tp('sameData', { count: sameData.length }), submit: tp('submit'), submitting: tp('submitting'), done: tp('done') }}
          />
        </section>
      )}
      <ContactHistory contactId={contact.id} events={events} mails={mails} rights={rights} />
    </div>
  );
}
