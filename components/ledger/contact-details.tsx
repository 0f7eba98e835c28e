import { getFormatter, getTranslations } from 'next-intl/server';
import type { getContact } from '@/lib/ledger/get-contact';

type Contact = Awaited<ReturnType<typeof getContact>>['contact'];

/** Phone, e-mail and current consent state of a contact. */
export async function ContactDetails({ contact }: { contact: Contact }) {
  const t = await getTranslations('ledger');
  const tc = await getTranslations('consent');
  const format = await getFormatter();
  return (
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
  );
}
