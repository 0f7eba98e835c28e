/** One phone number of a card: as written, and normalised by lib/phone.ts (null: not a number WhatsApp can reach). */
export type ParsedNumber = { raw: string; e164: string | null; label?: string };

export type ParsedCard = {
  /** 1-based line of BEGIN:VCARD, or of the CSV row's first line. */
  line: number;
  /** Display name (FN, else N, else ORG; CSV: the name columns, else the company), decoded, control characters removed. */
  name: string | null;
  numbers: ParsedNumber[];
  /** The card to write back, CRLF: the original card's lines for vCard input, a vCard 3.0 built from the row for CSV. */
  vcard: string;
};

export type ParseIssue = { line: number; reason: IssueReason };
export type ParseResult = { format: 'vcard' | 'google-csv' | 'outlook-csv'; cards: ParsedCard[]; issues: ParseIssue[] };

/** Why a card or row was skipped: message keys (messages/*.json, namespace addressBook.issues). */
export const ISSUE_REASONS = [
  'addressBook.issues.malformedCard',
  'addressBook.issues.unterminatedCard',
  'addressBook.issues.tooManyNumbers',
  'addressBook.issues.cardTooLarge',
  'addressBook.issues.malformedRow',
] as const;
export type IssueReason = (typeof ISSUE_REASONS)[number];
