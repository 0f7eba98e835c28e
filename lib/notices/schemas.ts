import { z } from 'zod';
import { optionalText, text } from '@/lib/validation';

/** Languages a notice version can be written in (mirrors the `language` enum in db/schema/enums.ts). */
export const NOTICE_LANGUAGES = ['de', 'en'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

/** Who performs a notice change: the tenant from the verified membership, the user for the audit row. */
export type NoticeActor = { tenantId: string; userId: string };

export const DEFAULT_LEGAL_BASIS = 'Art. 6 Abs. 1 lit. a DSGVO';
export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;
export const PURPOSE_MAX = 300;
export const LEGAL_BASIS_MAX = 200;
export const NAME_MAX = 120;

/** The default purpose in the notice's own language (stored text, so not a UI message). */
export function defaultPurpose(companyName: string, language: NoticeLanguage): string {
  return language === 'en' ? `Communication via WhatsApp with ${companyName}` : `Kommunikation über WhatsApp mit ${companyName}`;
}

export const noticeLanguageSchema = z.enum(NOTICE_LANGUAGES);

/** The editable text of a version. Empty purpose / legal basis fall back to the defaults in the use case. */
export const draftFieldsSchema = z.object({
  language: noticeLanguageSchema,
  title: text(TITLE_MAX),
  body: text(BODY_MAX, { multiline: true }), // Markdown: line breaks and tabs allowed, other control characters not
  purpose: optionalText(PURPOSE_MAX),
  legalBasis: optionalText(LEGAL_BASIS_MAX),
});
export type DraftFields = z.infer<typeof draftFieldsSchema>;

export const createNoticeSchema = draftFieldsSchema.extend({ name: text(NAME_MAX) });
export type CreateNoticeInput = z.infer<typeof createNoticeSchema>;

export const saveDraftSchema = draftFieldsSchema.extend({ noticeId: z.uuid() });
export type SaveDraftInput = z.infer<typeof saveDraftSchema>;

export const publishVersionSchema = z.object({
  noticeId: z.uuid(),
  versionId: z.uuid(),
  // The hash of the text the publisher was shown: publishing refuses if the draft changed since.
  expectedHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  confirm: z.literal('on', 'notices.errors.confirmRequired'),
});
export type PublishVersionInput = z.infer<typeof publishVersionSchema>;
