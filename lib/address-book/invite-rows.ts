import 'server-only';
import type { Locale } from '@/lib/i18n/locales';
import { inviteUrl } from '@/lib/links/link-url';
import { shareText } from '@/lib/links/share';
import { inviteNumber, waMeUrl } from './exports';
import type { ImportPayload, StoredCard } from './types';

export type InviteRow = { i: number; name: string | null; number: string; url: string; text: string; waMe: string };

/** The personal invite of one card, if one was created: link, ready-to-send text and a wa.me link to its number. */
export function inviteOf(card: StoredCard, payload: ImportPayload, tenant: { tenantSlug: string; tenantName: string }, locale: Locale): InviteRow | null {
  const token = payload.invites[card.i];
  const number = inviteNumber(card);
  if (!token || !number) return null;
  const url = inviteUrl(tenant.tenantSlug, token);
  const text = shareText(url, tenant.tenantName, locale);
  return { i: card.i, name: card.name, number, url, text, waMe: waMeUrl(number, text) };
}

/** Every invite of the import, in file order. */
export function inviteRows(payload: ImportPayload, tenant: { tenantSlug: string; tenantName: string }, locale: Locale): InviteRow[] {
  const rows: InviteRow[] = [];
  for (const c of payload.cards) {
    const r = inviteOf(c, payload, tenant, locale);
    if (r) rows.push(r);
  }
  return rows;
}
