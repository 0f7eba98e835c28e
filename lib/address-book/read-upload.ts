import 'server-only';
import { DomainError } from '@/lib/errors';
import { MAX_UPLOAD_BYTES } from './schemas';

// Room for the multipart boundaries and the other form fields around a file of MAX_UPLOAD_BYTES.
const MULTIPART_SLACK = 64 * 1024;

/**
 * Reads a request body as a stream and stops at `limit` bytes: a 50 MB (or endless) upload costs at most `limit`
 * bytes of memory and ends in a 413, whatever Content-Length claimed.
 */
export async function readBodyLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!body) throw new DomainError('addressBook.notAContactFile', 422);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new DomainError('addressBook.tooLarge', 413);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The upload form's file and region, read within the byte limit before any parsing. */
export async function readUpload(request: Request): Promise<{ bytes: Uint8Array; region: string | null }> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_UPLOAD_BYTES + MULTIPART_SLACK) throw new DomainError('addressBook.tooLarge', 413);
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) throw new DomainError('addressBook.notAContactFile', 422);
  const raw = await readBodyLimited(request.body, MAX_UPLOAD_BYTES + MULTIPART_SLACK);
  let form: FormData;
  try {
    form = await new Response(raw as BodyInit, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new DomainError('addressBook.notAContactFile', 422);
  }
  const file = form.get('file');
  if (!(file instanceof Blob) || file.size === 0) throw new DomainError('addressBook.notAContactFile', 422);
  if (file.size > MAX_UPLOAD_BYTES) throw new DomainError('addressBook.tooLarge', 413);
  const region = form.get('region');
  return { bytes: new Uint8Array(await file.arrayBuffer()), region: typeof region === 'string' ? region : null };
}
