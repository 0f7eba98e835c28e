import 'server-only';
import { randomUUID } from 'node:crypto';
import { inviteLinks, noticeVersions, privacyNotices } from '@/db/schema';
import type { Tx } from '@/db';
import { newInviteToken, tokenHash } from '@/lib/links/token';
import { noticeTextHash, type NoticeText } from '@/lib/notices/text-hash';

/** Writes a notice with already published versions straight through the schema (seed data and test fixtures). */
export async function insertPublishedNotice(tx: Tx, tenantId: string, name: string, texts: NoticeText[]) {
  const noticeId = randomUUID();
  await tx.insert(privacyNotices).values({ tenantId, id: noticeId, name });
  const versions = [];
  for (const text of texts) {
    const [v] = await tx
      .insert(noticeVersions)
      .values({ tenantId, noticeId, ...text, status: 'published', publishedAt: new Date(), textHash: noticeTextHash(text) })
      .returning();
    versions.push(v!);
  }
  return { noticeId, versions };
}

/** Writes an invite link and returns its token (seed data and test fixtures). */
export async function insertInviteLink(
  tx: Tx,
  l: { tenantId: string; noticeId: string; label: string; createdBy: string | null; maxUses?: number | null },
) {
  const id = randomUUID();
  const token = newInviteToken();
  await tx.insert(inviteLinks).values({ ...l, id, token, tokenHash: tokenHash(token), maxUses: l.maxUses ?? null });
  return { id, token };
}

export const DEMO_NOTICE: Record<'de' | 'en', Omit<NoticeText, 'version'>> = {
  de: {
    language: 'de',
    title: 'Datenschutzhinweis zur Kommunikation über WhatsApp',
    purpose: 'Kommunikation über WhatsApp mit Musterbetrieb GmbH',
    legalBasis: 'Art. 6 Abs. 1 lit. a DSGVO',
    body: [
      '## Wer ist verantwortlich?',
      'Musterbetrieb GmbH, Musterstraße 1, 10115 Berlin.',
      '## Wofür nutzen wir Ihre Daten?',
      'Wir speichern Ihren **Namen** und Ihre **Mobilnummer**, um Sie über WhatsApp zu Terminen, Angeboten und Rückfragen zu kontaktieren.',
      '## Was passiert bei WhatsApp?',
      'WhatsApp wird von der WhatsApp Ireland Ltd. betrieben. Dabei können Daten in die USA übermittelt werden.',
      '## Ihre Rechte',
      '- Sie können Ihre Einwilligung jederzeit widerrufen, ohne Angabe von Gründen.',
      '- Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Beschwerde bei einer Aufsichtsbehörde.',
    ].join('\n\n'),
  },
  en: {
    language: 'en',
    title: 'Privacy notice on communication via WhatsApp',
    purpose: 'Communication via WhatsApp with Musterbetrieb GmbH',
    legalBasis: 'Art. 6(1)(a) GDPR',
    body: [
      '## Who is responsible?',
      'Musterbetrieb GmbH, Musterstraße 1, 10115 Berlin, Germany.',
      '## What do we use your data for?',
      'We store your **name** and **mobile number** to contact you via WhatsApp about appointments, offers and questions.',
      '## What happens at WhatsApp?',
      'WhatsApp is operated by WhatsApp Ireland Ltd. Data may be transferred to the USA.',
      '## Your rights',
      '- You can withdraw your consent at any time, without giving reasons.',
      '- You have the right to access, rectification, erasure and to lodge a complaint with a supervisory authority.',
    ].join('\n\n'),
  },
};
