// POST /dashboard/address-book/upload – upload a contact file (multipart: file, region), parse, match, store encrypted.
import { importAddressBook } from '@/lib/address-book/import-book';
import { readUpload } from '@/lib/address-book/read-upload';
import { regionSchema } from '@/lib/address-book/schemas';
import { requireMember } from '@/lib/auth/member-context';
import { DomainError } from '@/lib/errors';
import { toHttp } from '@/lib/http/problem';

const BASE = '/dashboard/address-book';

/** 303 for the plain form (works without JavaScript), JSON for the page's upload script (it asks for JSON). */
function answer(request: Request, result: { id: string } | DomainError): Response {
  const json = (request.headers.get('accept') ?? '').includes('application/json');
  if (result instanceof DomainError) {
    // The one error shape (RFC 9457 problem+json, with `code`) for the progress script; 303 for the plain form.
    if (json) return toHttp(result, { headers: { 'Cache-Control': 'no-store' } });
    return new Response(null, { status: 303, headers: { Location: `${BASE}?error=${encodeURIComponent(result.code)}` } });
  }
  const location = `${BASE}/${result.id}`;
  return json ? Response.json({ id: result.id, location }, { status: 201 }) : new Response(null, { status: 303, headers: { Location: location } });
}

export async function POST(request: Request) {
  const ctx = await requireMember('addressBook.use');
  try {
    const upload = await readUpload(request);
    const result = await importAddressBook(ctx, upload.bytes, regionSchema.parse(upload.region ?? 'DE'));
    return answer(request, result);
  } catch (err) {
    if (err instanceof DomainError) return answer(request, err);
    throw err;
  }
}
