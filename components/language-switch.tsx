import { getLocale, getTranslations } from 'next-intl/server';
import { setLocale } from '@/app/locale-actions';

/** A plain form (works without JavaScript) that stores the chosen language in a cookie. */
export async function LanguageSwitch() {
  const locale = await getLocale();
  const t = await getTranslations('app');
  return (
    <form action={setLocale} className="flex items-center gap-1 text-sm" aria-label={t('language')}>
      {(['de', 'en'] as const).map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={locale === l}
          className={`rounded px-2 py-1 ${locale === l ? 'bg-gray-900 text-white' : 'text-gray-700 hover:bg-gray-100'}`}
        >
          {l === 'de' ? 'Deutsch' : 'English'}
        </button>
      ))}
    </form>
  );
}
