import { getFormatter, getTranslations } from 'next-intl/server';
import { reviewedAction } from '@/app/(dashboard)/dashboard/settings/whatsapp/actions';

type Item = { id: string; reason: string; waId: string | null; body: string | null; messageAt: Date };

/** The messages to review (keyword inside a sentence, code from another number, unmatched), each with "done". */
export async function ReviewList({ items }: { items: Item[] }) {
  const t = await getTranslations('whatsappUi.settings');
  const format = await getFormatter();
  if (items.length === 0) return <p className="text-gray-700">{t('reviewNone')}</p>;
  return (
    <ul className="flex flex-col gap-3" data-testid="whatsapp-review">
      {items.map((m) => (
        <li key={m.id} className="rounded border border-gray-200 p-3">
          <p className="text-sm text-gray-700">
            <span className="font-semibold">{t.has(`reason_${m.reason}`) ? t(`reason_${m.reason}` as 'reason_unmatched') : m.reason}</span>
            {' · '}
            {format.dateTime(m.messageAt, { dateStyle: 'medium', timeStyle: 'short' })}
            {m.waId && ` · ${t('reviewFrom', { waId: m.waId })}`}
          </p>
          {m.body && <p className="mt-1 whitespace-pre-wrap break-words">{m.body}</p>}
          <form action={reviewedAction} className="mt-2">
            <input type="hidden" name="id" value={m.id} />
            <button type="submit" className="btn-secondary px-2 py-1 text-sm">
              {t('reviewDone')}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}
