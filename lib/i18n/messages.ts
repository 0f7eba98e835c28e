import { createTranslator } from 'next-intl';
import de from '@/messages/de.json';
import deAddressBook from '@/messages/de/addressBook.json';
import deEvidence from '@/messages/de/evidence.json';
import deLinks from '@/messages/de/links.json';
import deNotices from '@/messages/de/notices.json';
import deProfile from '@/messages/de/profile.json';
import dePrivacy from '@/messages/de/privacy.json';
import deWhatsappUi from '@/messages/de/whatsappUi.json';
import en from '@/messages/en.json';
import enAddressBook from '@/messages/en/addressBook.json';
import enEvidence from '@/messages/en/evidence.json';
import enLinks from '@/messages/en/links.json';
import enNotices from '@/messages/en/notices.json';
import enProfile from '@/messages/en/profile.json';
import enPrivacy from '@/messages/en/privacy.json';
import enWhatsappUi from '@/messages/en/whatsappUi.json';
import type { Locale } from './locales';

// Core strings in messages/<locale>.json; larger dashboard areas in messages/<locale>/<area>.json, one namespace each.
const DE = { ...de, notices: deNotices, links: deLinks, profile: deProfile, evidence: deEvidence, addressBook: deAddressBook, whatsappUi: deWhatsappUi, privacy: dePrivacy };
const EN = { ...en, notices: enNotices, links: enLinks, profile: enProfile, evidence: enEvidence, addressBook: enAddressBook, whatsappUi: enWhatsappUi, privacy: enPrivacy };

export type Messages = typeof DE;

export function messagesFor(locale: Locale): Messages {
  return locale === 'en' ? (EN as Messages) : DE;
}

/** A translator outside React (mail, PDFs, route handlers). */
export function translator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale) });
}
