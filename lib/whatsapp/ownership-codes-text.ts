import 'server-only';
import { createHmac } from 'node:crypto';
import type { Locale } from '@/lib/i18n/locales';
import { sha256Hex } from '@/lib/crypto';

/**
 * Ownership codes (issue #17): the short one-time code a contact sends from their phone over WhatsApp to prove that
 * the number they typed into the web form is theirs. This module is the pure part: format, derivation, extraction
 * from a message, the prefilled message and the wa.me link. Storage and matching: ownership-codes.ts.
 *
 * Format: 8 characters from 32 unambiguous ones (no 0/O, no 1/I), shown as XXXX-XXXX (40 bits). The code is derived
 * from its row id with the server secret, like personal-page tokens, so the pending page can show it again on every
 * visit while the database keeps only its hash. Its secrecy is not what proves anything: a code counts only when it
 * arrives from the very number the opt-in named, which WhatsApp itself authenticates.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Default lifetime of a code. */
export const CODE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The code of a code row: HMAC-SHA256(secret, "wa-own:" + id), its first 40 bits in the alphabet, as XXXX-XXXX. */
export function deriveCode(secret: string, codeId: string): string {
  const mac = createHmac('sha256', secret).update(`wa-own:${codeId}`).digest();
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(mac[i]!);
  let out = '';
  for (let i = 7; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** The stored lookup key of a code: SHA-256 of the tenant and the code (normalised, without the dash). */
export function codeHash(tenantId: string, code: string): string {
  return sha256Hex(`wa-own:${tenantId}:${code.replace(/-/g, '').toUpperCase()}`);
}

// XXXX-XXXX with the dash (a space or none also count), standing alone: the letters of an ordinary word ("ANMELDEN")
// are not a code because the prefilled message always carries the dash and the word "Code".
const CANDIDATE = /(?:^|[^A-Za-z0-9])([A-Za-z2-9]{4})[-‐‑–—]([A-Za-z2-9]{4})(?![A-Za-z0-9])/g;

/** Every code-shaped token in a message, normalised to XXXX-XXXX (upper case); at most 3, in order. */
export function extractCodes(text: string): string[] {
  const found: string[] = [];
  for (const m of text.slice(0, 2000).matchAll(CANDIDATE)) {
    const code = `${m[1]!.toUpperCase()}-${m[2]!.toUpperCase()}`;
    if (![...code.replace('-', '')].every((c) => ALPHABET.includes(c))) continue;
    if (!found.includes(code)) found.push(code);
    if (found.length === 3) break;
  }
  return found;
}

const MESSAGE = {
  de: (company: string, code: string) => `Ich bestätige meine Einwilligung, dass ${company} mich über WhatsApp kontaktieren darf. Code: ${code}`,
  en: (company: string, code: string) => `I confirm my consent that ${company} may contact me on WhatsApp. Code: ${code}`,
} as const;

/** The message the contact sends: says in words what it confirms, so nobody sends it unknowingly for someone else. */
export function prefilledConfirmation(locale: Locale, company: string, code: string): string {
  return MESSAGE[locale](company.slice(0, 120), code);
}

/** Digits of a display number for wa.me ("+49 30 1234-567" → "49301234567"); null when it has too few digits. */
export function waDigits(displayNumber: string | null | undefined): string | null {
  const digits = (displayNumber ?? '').replace(/^\s*00/, '').replace(/\D/g, '');
  return digits.length >= 7 && digits.length <= 15 ? digits : null;
}

/** `https://wa.me/<digits>?text=<message>`: opens a chat with the company, the message prefilled. */
export function waMeUrl(displayNumber: string, text: string): string | null {
  const digits = waDigits(displayNumber);
  return digits ? `https://wa.me/${digits}?text=${encodeURIComponent(text)}` : null;
}

const REPLIES = {
  de: {
    confirmed: (c: string) => `Danke! Ihre Einwilligung ist bestätigt: ${c} darf Sie über WhatsApp kontaktieren. Widerrufen können Sie jederzeit, z. B. mit der Nachricht „Stopp“.`,
    expired: (c: string) => `Dieser Code ist abgelaufen, Ihre Einwilligung bei ${c} ist daher nicht bestätigt. Bitte willigen Sie über den Link von ${c} erneut ein.`,
    used: (c: string) => `Dieser Code wurde bereits verwendet. An Ihrer Einwilligung bei ${c} hat sich nichts geändert.`,
    not_pending: (c: string) => `Für diesen Code wartet keine Einwilligung bei ${c} mehr auf eine Bestätigung. Es hat sich nichts geändert.`,
    mismatch: (c: string) => `Dieser Code gehört zu einer anderen Telefonnummer und bestätigt daher nichts. Bitte senden Sie ihn von der Nummer, die Sie bei ${c} angegeben haben.`,
    signup: (c: string, link = '') => `Hallo! Hier ist Ihr persönlicher Link, um ${c} Ihre Einwilligung für WhatsApp zu geben: ${link} – Ihre Nummer ist damit schon bestätigt.`,
    signupUnavailable: (c: string) => `Danke für Ihre Nachricht. ${c} sammelt gerade keine neuen Einwilligungen über WhatsApp.`,
  },
  en: {
    confirmed: (c: string) => `Thank you! Your consent is confirmed: ${c} may contact you on WhatsApp. You can withdraw at any time, e.g. by sending "Stop".`,
    expired: (c: string) => `This code has expired, so your consent to ${c} is not confirmed. Please consent again through ${c}'s link.`,
    used: (c: string) => `This code has already been used. Nothing changed about your consent to ${c}.`,
    not_pending: (c: string) => `No consent to ${c} is waiting for this code any more. Nothing changed.`,
    mismatch: (c: string) => `This code belongs to another phone number, so it confirms nothing. Please send it from the number you gave ${c}.`,
    signup: (c: string, link = '') => `Hello! Here is your personal link to give ${c} your consent for WhatsApp: ${link} – your number is already confirmed by it.`,
    signupUnavailable: (c: string) => `Thank you for your message. ${c} is not collecting new consents on WhatsApp at the moment.`,
  },
} as const;

/** The one reply to a code message (inside the customer-service window): what happened, in the contact's language. */
export function codeReplyText(kind: keyof (typeof REPLIES)['de'], locale: Locale, company: string, link?: string): string {
  return REPLIES[locale][kind](company.slice(0, 120), link);
}
