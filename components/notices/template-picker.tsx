import { getTranslations } from 'next-intl/server';
import { TEMPLATE_PURPOSES, type TemplatePurpose } from '@/lib/notices/templates';
import type { NoticeLanguage } from '@/lib/notices/schemas';

/**
 * Chooses the template's language and purposes; a plain GET form (works without JavaScript) that reloads the page with
 * the filled template in the "new notice" form below it.
 */
export async function TemplatePicker({ language, purposes, applied, controllerIncomplete }: { language: NoticeLanguage; purposes: readonly TemplatePurpose[]; applied: boolean; controllerIncomplete: boolean }) {
  const t = await getTranslations('notices.template');
  return (
    <form method="get" action="/dashboard/notices" className="flex flex-col gap-3" aria-labelledby="template-h">
      <h2 id="template-h" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="text-sm text-gray-700">{t('intro')}</p>
      <p className="rounded-md border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950">{t('disclaimer')}</p>
      {controllerIncomplete && (
        <p className="text-sm text-gray-800">
          {t('profileFirst')}{' '}
          <a href="/dashboard/settings" className="link">
            {t('toProfile')}
          </a>
        </p>
      )}
      <fieldset className="flex gap-4">
        <legend className="label">{t('language')}</legend>
        {(['de', 'en'] as const).map((l) => (
          <label key={l} className="flex items-center gap-2">
            <input type="radio" name="template" value={l} defaultChecked={language === l} className="size-4" />
            {t(`languages.${l}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-1">
        <legend className="label">{t('purposes')}</legend>
        {TEMPLATE_PURPOSES.map((p) => (
          <label key={p} className="flex items-center gap-2">
            <input type="checkbox" name="purposes" value={p} defaultChecked={purposes.includes(p)} className="size-4" />
            {t(`purposeOptions.${p}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn-secondary self-start">
        {applied ? t('reapply') : t('apply')}
      </button>
      {applied && (
        <p className="notice-ok" role="status">
          {t('applied')}
        </p>
      )}
    </form>
  );
}
