import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { loadImport, type LoadedImport } from '@/lib/address-book/load-import';
import { importIdSchema } from '@/lib/address-book/schemas';
import type { MemberContext } from '@/lib/auth/member-context';
import { DomainError } from '@/lib/errors';
import { download } from '@/lib/http/download';
import { memberRoute } from '@/lib/http/pipeline';
import type { Locale } from '@/lib/i18n/locales';

type File = { body: string | Uint8Array; filename: string; contentType: string };
const params = z.object({ importId: importIdSchema });

/**
 * A download from the member's own open import: owner/admin only (403), audited as `action` in the reading
 * transaction, 404 for a finished, expired or someone else's import; the file is built after the commit.
 */
export function importDownload(action: string, build: (imp: LoadedImport, ctx: MemberContext, locale: Locale) => File | Promise<File>) {
  return memberRoute(
    'addressBook.use',
    { params, audit: { action, target: (i) => ({ type: 'address_book_check', id: i.params.importId }) } },
    async ({ params: p, ctx }, tx) => {
      const imp = await loadImport(tx, ctx, p.importId);
      if (!imp) throw new DomainError('addressBook.importGone', 404);
      return imp;
    },
    async (imp, { ctx }) => {
      const file = await build(imp, ctx, (await getLocale()) as Locale);
      return download(file.body as BodyInit, file.filename, file.contentType);
    },
  );
}

export const day = (d: Date) => d.toISOString().slice(0, 10);
