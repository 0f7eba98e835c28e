import { placeholder } from './placeholders';
import type { NoticeLanguage } from './schemas';
import { authorityForAddress } from './state-authority';

/** Purposes the template offers as a checklist; the owner ticks the ones that apply. */
export const TEMPLATE_PURPOSES = ['appointments', 'offers', 'questions'] as const;
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];

export type TemplateProfile = {
  name: string;
  legalName?: string | null;
  address?: string | null;
  controllerRepresentative?: string | null;
  dpoName?: string | null;
  dpoEmail?: string | null;
  contactPhone?: string | null;
  evidenceEmail?: string | null;
  impressumUrl?: string | null;
};

export type NoticeTemplate = { name: string; title: string; body: string; purpose: string; legalBasis: string };

const PURPOSE_TEXT: Record<NoticeLanguage, Record<TemplatePurpose, string>> = {
  de: {
    appointments: 'Terminvereinbarung, Terminbestätigungen und Terminerinnerungen',
    offers: 'Zusendung von Angeboten und Informationen zu unseren Leistungen',
    questions: 'Beantwortung Ihrer Fragen und Anliegen',
  },
  en: {
    appointments: 'arranging, confirming and reminding you of appointments',
    offers: 'sending you offers and information about our services',
    questions: 'answering your questions and requests',
  },
};

const LABELS = {
  de: { address: 'Anschrift des Unternehmens', contact: 'Telefon oder E-Mail', authority: 'Zuständige Datenschutz-Aufsichtsbehörde', purpose: 'Zweck' },
  en: { address: 'Company postal address', contact: 'Phone or e-mail', authority: 'Competent data protection supervisory authority', purpose: 'Purpose' },
} as const;

const oneLine = (s: string) => s.split(/\n+/).map((l) => l.trim()).filter(Boolean).join(', ');

/**
 * A privacy notice for WhatsApp communication in German or English, filled from the company profile. Whatever the
 * profile lacks becomes a `[[placeholder]]`, which publishing refuses until the owner replaces it. A starting point
 * for the owner to review, not legal advice.
 */
export function noticeTemplate(profile: TemplateProfile, language: NoticeLanguage, purposes: readonly TemplatePurpose[]): NoticeTemplate {
  const L = LABELS[language];
  const controller = profile.legalName?.trim() || profile.name.trim();
  const address = profile.address?.trim() ? oneLine(profile.address) : placeholder(L.address);
  const contacts = [
    profile.contactPhone?.trim() && (language === 'de' ? `Telefon ${profile.contactPhone.trim()}` : `phone ${profile.contactPhone.trim()}`),
    profile.evidenceEmail?.trim() && (language === 'de' ? `E-Mail ${profile.evidenceEmail.trim()}` : `e-mail ${profile.evidenceEmail.trim()}`),
  ].filter(Boolean);
  const contact = contacts.length ? contacts.join(', ') : placeholder(L.contact);
  const match = authorityForAddress(profile.address);
  const authority = match
    ? `${match.authority.name}, ${match.authority.address.join(', ')} (${match.authority.website})`
    : placeholder(L.authority);
  const chosen = purposes.length ? purposes.map((p) => PURPOSE_TEXT[language][p]) : [placeholder(L.purpose)];
  const dpo = profile.dpoName?.trim() || profile.dpoEmail?.trim() ? [profile.dpoName?.trim(), profile.dpoEmail?.trim()].filter(Boolean).join(', ') : null;
  const representative = profile.controllerRepresentative?.trim();
  const args = { controller, address, contact, authority, chosen, dpo, representative, impressum: profile.impressumUrl?.trim() || null };
  return language === 'en' ? english(args, profile.name) : german(args, profile.name);
}

type Args = {
  controller: string;
  address: string;
  contact: string;
  authority: string;
  chosen: string[];
  dpo: string | null;
  representative: string | undefined;
  impressum: string | null;
};

function german(a: Args, companyName: string): NoticeTemplate {
  const body = [
    '## Verantwortlicher',
    '',
    `${a.controller}, ${a.address}`,
    a.representative ? `Vertreten durch: ${a.representative}` : null,
    `Kontakt: ${a.contact}${a.impressum ? ` · Impressum: ${a.impressum}` : ''}`,
    '',
    ...(a.dpo ? ['## Datenschutzbeauftragter', '', `Sie erreichen unseren Datenschutzbeauftragten unter: ${a.dpo}`, ''] : []),
    '## Zwecke',
    '',
    'Wir schreiben Ihnen über WhatsApp, wenn Sie eingewilligt haben, zu folgenden Zwecken:',
    '',
    ...a.chosen.map((c) => `- ${c}`),
    '',
    '## Rechtsgrundlage',
    '',
    'Ihre Einwilligung nach Art. 6 Abs. 1 lit. a DSGVO. Sie ist freiwillig; ohne sie erreichen Sie uns weiterhin auf anderen Wegen.',
    '',
    '## Welche Daten wir verarbeiten',
    '',
    'Ihren Namen, Ihre Mobilnummer, den Inhalt unserer Nachrichten sowie deren Metadaten (Zeitpunkt, Zustell- und Lesestatus).',
    '',
    '## Empfänger und Übermittlung in ein Drittland',
    '',
    'Nachrichten laufen über den Dienst WhatsApp der WhatsApp Ireland Ltd., Merrion Road, Dublin 4, D04 X2K5, Irland. ' +
      'Dabei können Daten an die Meta Platforms, Inc. in den USA übermittelt werden. Grundlage dafür ist der ' +
      'Angemessenheitsbeschluss der EU-Kommission zum EU-U.S. Data Privacy Framework vom 10. Juli 2023 (Art. 45 DSGVO).',
    '',
    '## Speicherdauer',
    '',
    'Wir speichern Ihre Nummer und unsere Nachrichten, solange Ihre Einwilligung besteht. Nach einem Widerruf löschen wir sie, ' +
      'soweit keine gesetzlichen Aufbewahrungspflichten bestehen. Den Nachweis Ihrer Einwilligung und ihres Widerrufs bewahren wir ' +
      'bis zu drei Jahre nach Ende des Jahres des Widerrufs auf, um ihn belegen zu können.',
    '',
    '## Ihre Rechte',
    '',
    '- Auskunft über Ihre Daten (Art. 15 DSGVO)',
    '- Berichtigung (Art. 16 DSGVO)',
    '- Löschung (Art. 17 DSGVO)',
    '- Einschränkung der Verarbeitung (Art. 18 DSGVO)',
    '- Datenübertragbarkeit (Art. 20 DSGVO)',
    '- Widerspruch (Art. 21 DSGVO)',
    '- **Widerruf Ihrer Einwilligung jederzeit** mit Wirkung für die Zukunft (Art. 7 Abs. 3 DSGVO): über Ihren persönlichen Link ' +
      'oder indem Sie uns per WhatsApp „Stopp“ schreiben.',
    '',
    '## Beschwerderecht',
    '',
    `Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO). Für uns zuständig ist: ${a.authority}`,
  ]
    .filter((l) => l !== null)
    .join('\n');
  return {
    name: 'WhatsApp-Kommunikation',
    title: 'Datenschutzhinweis zur Kommunikation über WhatsApp',
    body,
    purpose: `Kommunikation über WhatsApp mit ${companyName}`,
    legalBasis: 'Art. 6 Abs. 1 lit. a DSGVO',
  };
}

function english(a: Args, companyName: string): NoticeTemplate {
  const body = [
    '## Controller',
    '',
    `${a.controller}, ${a.address}`,
    a.representative ? `Represented by: ${a.representative}` : null,
    `Contact: ${a.contact}${a.impressum ? ` · Legal notice: ${a.impressum}` : ''}`,
    '',
    ...(a.dpo ? ['## Data protection officer', '', `You can reach our data protection officer at: ${a.dpo}`, ''] : []),
    '## Purposes',
    '',
    'With your consent we write to you on WhatsApp for:',
    '',
    ...a.chosen.map((c) => `- ${c}`),
    '',
    '## Legal basis',
    '',
    'Your consent under Art. 6(1)(a) GDPR. It is voluntary; without it you can still reach us in other ways.',
    '',
    '## Data we process',
    '',
    'Your name, your mobile number, the content of our messages and their metadata (time, delivery and read status).',
    '',
    '## Recipients and transfer to a third country',
    '',
    'Messages are carried by the WhatsApp service of WhatsApp Ireland Ltd., Merrion Road, Dublin 4, D04 X2K5, Ireland. ' +
      'Data may be transferred to Meta Platforms, Inc. in the USA. The basis for this is the European Commission’s ' +
      'adequacy decision on the EU-U.S. Data Privacy Framework of 10 July 2023 (Art. 45 GDPR).',
    '',
    '## Storage period',
    '',
    'We keep your number and our messages as long as your consent stands. After a withdrawal we delete them unless the law ' +
      'requires us to keep them. We keep the record of your consent and its withdrawal for up to three years after the end of ' +
      'the year of the withdrawal, so that we can prove it.',
    '',
    '## Your rights',
    '',
    '- Access to your data (Art. 15 GDPR)',
    '- Rectification (Art. 16 GDPR)',
    '- Erasure (Art. 17 GDPR)',
    '- Restriction of processing (Art. 18 GDPR)',
    '- Data portability (Art. 20 GDPR)',
    '- Objection (Art. 21 GDPR)',
    '- **Withdrawal of your consent at any time**, with effect for the future (Art. 7(3) GDPR): through your personal link ' +
      'or by writing “Stopp” to us on WhatsApp.',
    '',
    '## Right to lodge a complaint',
    '',
    `You may lodge a complaint with a data protection supervisory authority (Art. 77 GDPR). The authority competent for us is: ${a.authority}`,
  ]
    .filter((l) => l !== null)
    .join('\n');
  return {
    name: 'WhatsApp communication',
    title: 'Privacy notice for communication via WhatsApp',
    body,
    purpose: `Communication via WhatsApp with ${companyName}`,
    legalBasis: 'Art. 6(1)(a) GDPR',
  };
}
