import 'server-only';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import type { Locale } from '@/lib/i18n/locales';
import { retryOnIdempotencyRace } from './append-event';
import { contactToken } from './contact-state';
import { findContactByToken } from './find-contact';
import { confirmConsent, withdrawConsent } from './withdraw';

export type PersonalActionKind = 'withdraw' | 'confirm';

export type PersonalActionInput = {
  kind: PersonalActionKind;
  slug: string;
  /** The personal token (withdraw) or the double opt-in token (confirm) from the URL. */
  token: string;
  idempotencyKey: string;
  language: Locale;
  ip: string | null;
  userAgent: string | null;
};

/**
 * A contact's own change through a link only they hold: withdraw (personal page) or confirm (double opt-in mail).
 * The token names the tenant (system lookup), the change is one event in the tenant's transaction; a same-key twin
 * that raced past the idempotency check is replayed. Returns where the contact's personal page is and what happened.
 */
export async function runPersonalAction(a: PersonalActionInput): Promise<{ slug: string; personalToken: string; done: 'withdrawn' | 'confirmed' }> {
  const found = await withSystem((tx) => findContactByToken(tx, a.slug, a.token, a.kind === 'withdraw' ? 'contact' : 'confirm'));
  const change = { tenantId: found.tenant.id, contactId: found.contact.id, idempotencyKey: a.idempotencyKey, language: a.language, ip: a.ip, userAgent: a.userAgent };
  await retryOnIdempotencyRace(() => withTenant(found.tenant.id, (tx) => (a.kind === 'withdraw' ? withdrawConsent(tx, change) : confirmConsent(tx, change))));
  return a.kind === 'withdraw'
    ? { slug: found.tenant.slug, personalToken: a.token, done: 'withdrawn' }
    : { slug: found.tenant.slug, personalToken: contactToken(found.contact.id), done: 'confirmed' };
}
