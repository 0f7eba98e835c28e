import { getTranslations } from 'next-intl/server';
import type { ListQuery } from '@/lib/address-book/schemas';

/** Filter and sort as a GET form: works without JavaScript, the server filters and sorts. */
export async function ListControls({ base, q }: { base: string; q: ListQuery }) {
  const t = await getTranslations('addressBook');
  return (
    <form method="get" action={base} className="mb-3 flex flex-wrap items-end gap-2">
      <input type="hidden" name="list" value={q.list} />
      <label className="flex flex-col text-sm">
        {t('filter')}
        <input name="q" defaultValue={q.q} className="input py-1" maxLength={100} />
      </label>
      <label className="flex flex-col text-sm">
        {t('sort')}
        <select name="sort" defaultValue={q.sort} className="input py-1">
          {(['name', 'number', 'date', 'line'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`sortKeys.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <select name="dir" defaultValue={q.dir} className="input py-1" aria-label={t('sort')}>
        <option value="asc">{t('dir.asc')}</option>
        <option value="desc">{t('dir.desc')}</option>
      </select>
      <button type="submit" className="btn-secondary py-1">
        {t('apply')}
      </button>
    </form>
  );
}
