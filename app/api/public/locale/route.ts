// POST /api/public/locale – the public pages' language switch (a plain form): stores the choice in the cookie the
// whole app reads (NEXT_LOCALE, a year) and answers 303 back to the page it came from (a path of this site only).
import { z } from 'zod';
import { publicAction, seeOther } from '@/lib/http/public-pipeline';
import { LOCALE_COOKIE, LOCALES } from '@/lib/i18n/locales';

// A same-site path: one leading slash, no scheme-relative `//` or backslash tricks, no control characters.
const backPath = z.string().max(2_000).regex(/^\/(?![/\\])[^\s\\]*$/).catch('/');
const schema = z.object({ locale: z.enum(LOCALES), back: backPath });

export const POST = publicAction({ params: z.unknown(), schema }, async ({ locale, back }) => {
  const response = seeOther(back);
  response.headers.append('Set-Cookie', `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${365 * 86_400}; SameSite=Lax`);
  return response;
});
