import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, pickLocale } from './locales';
import { messagesFor } from './messages';

// next-intl without i18n routing: the locale comes from the language switch cookie or Accept-Language.
export default getRequestConfig(async () => {
  const locale = pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  return { locale, messages: messagesFor(locale), timeZone: 'Europe/Berlin' };
});
