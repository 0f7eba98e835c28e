// GET /dev/outbox/[mailId]/[filename] – development only: an attachment of a mail in the local outbox.
import { z } from 'zod';
import { devOutboxEnabled } from '@/lib/config';
import { download, notFoundResponse } from '@/lib/http/download';
import { readLocalAttachment } from '@/lib/mail/local-outbox';

export async function GET(_req: Request, { params }: { params: Promise<{ mailId: string; filename: string }> }) {
  const { mailId, filename } = await params;
  if (!devOutboxEnabled() || !z.uuid().safeParse(mailId).success) return notFoundResponse();
  const a = await readLocalAttachment(mailId, decodeURIComponent(filename));
  return a ? download(new Uint8Array(a.content), decodeURIComponent(filename), a.contentType) : notFoundResponse();
}
