import 'server-only';
import { sha256Hex } from '@/lib/crypto';
import { canonicalJson } from '@/lib/canonical-json';

/** The fields of a notice version that its hash commits to: exactly what the contact was shown. */
export type NoticeText = { title: string; body: string; purpose: string; legalBasis: string; language: 'de' | 'en'; version: number };

/** SHA-256 (hex) of the canonical JSON of a notice version's text; stored at publication and in every ledger event. */
export function noticeTextHash(v: NoticeText): string {
  return sha256Hex(
    canonicalJson({ title: v.title, body: v.body, purpose: v.purpose, legalBasis: v.legalBasis, language: v.language, version: v.version }),
  );
}
