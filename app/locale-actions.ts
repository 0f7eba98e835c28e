'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { formAction, plainForm } from '@/lib/http/pipeline';
import { LOCALE_COOKIE, LOCALES } from '@/lib/i18n/locales';

// POST (any page) – store the chosen UI language for a year; unknown values are ignored.
export const setLocale = plainForm(
  formAction(z.object({ locale: z.enum(LOCALES) }), async ({ locale }) => {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 86_400, sameSite: 'lax' });
  }),
);
