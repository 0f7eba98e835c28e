import { getLocale } from 'next-intl/server';
import { importIdSchema } from '@/lib/address-book/schemas';
import { exportFromImport } from '@/lib/address-book/use-import';
import type { LoadedImport } from '@/lib/address-book/load-import';
import { requireMember, type MemberContext } from '@/lib/auth/member-context';
import { DomainError } from '@/lib/errors';
import { download } from '@/lib/http/download';
import type { Locale } from '@/lib/i18n/locales';

type File = { body: string | Uint8Array; filename: string; contentType: string };
type Params = { params: Promise<{ importId: string }> };

/**
 * A download from the member's own open import: owner/admin only, audited (`action`), 404 for a finished, expired or
 * someone else's import.
 */
export function importDownload(action: string, build: (imp: LoadedImport, ctx: MemberContext, locale: Locale) => File | Promise<File>) {
  return async (_request: Request, { params }: Params): Promise<Response> => {
    const ctx = await requireMember('addressBook.use');
    const id = importIdSchema.safeParse((await params).importId);
    if (!id.success) return Response.json({ code: 'notFound' }, { status: 404 });
    const locale = (await getLocale()) as Locale;
    try {
      const file = await exportFromImport(ctx, id.data, action, (imp) => build(imp, ctx, locale));
      return download(file.body as BodyInit, file.filename, file.contentType);
    } catch (err) {
      if (err instanceof DomainError) return Response.json({ code: err.code }, { status: err.status, headers: { 'Cache-Control': 'no-store' } });
      throw err;
    }
  };
}

export const day = (d: Date) => d.toISOString().slice(0, 10);
