// GET /dev/outbox/[mailId]/[filename] – development only: an attachment of a mail in the local outbox.
import { z } from 'zod';
import { devOutboxEnabled } from '@/lib/config';
import { notFound } from '@/lib/errors';
import { download } from '@/lib/http/download';
import { route } from '@/lib/http/pipeline';
import { readLocalAttachment } from '@/lib/mail/local-outbox';

const paramsSchema = z.object({ mailId: z.uuid(), filename: z.string().max(300) });

function decoded(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    throw notFound(); // a malformed %-escape names no attachment
  }
}

export const GET = route(async (_req, context: { params: Promise<{ mailId: string; filename: string }> }) => {
  const p = paramsSchema.safeParse(await context.params);
  if (!devOutboxEnabled() || !p.success) throw notFound();
  const filename = decoded(p.data.filename);
  const a = await readLocalAttachment(p.data.mailId, filename);
  if (!a) throw notFound();
  return download(new Uint8Array(a.content), filename, a.contentType);
});
