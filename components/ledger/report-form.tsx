import { getTranslations } from 'next-intl/server';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
const monthStart = () => `${today().slice(0, 8)}01`;

/** The period report form (GET report.pdf): from/to dates, defaulting to the filter's range or this month so far. */
export async function ReportForm({ from, to }: { from?: string; to?: string }) {
  const t = await getTranslations('ledger');
  return (
    <form method="get" action="/dashboard/ledger/report.pdf" className="card flex flex-wrap items-end gap-3" aria-labelledby="report-h">
      <div className="w-full">
        <h2 id="report-h" className="font-semibold">
          {t('reportTitle')}
        </h2>
        <p className="text-sm text-gray-700">{t('reportHint')}</p>
      </div>
      <div className="field">
        <label htmlFor="report-from" className="label">
          {t('from')}
        </label>
        <input id="report-from" name="from" type="date" required className="input" defaultValue={from ?? monthStart()} />
      </div>
      <div className="field">
        <label htmlFor="report-to" className="label">
          {t('to')}
        </label>
        <input id="report-to" name="to" type="date" required className="input" defaultValue={to ?? today()} />
      </div>
      <button type="submit" className="btn-secondary">
        {t('downloadReport')}
      </button>
    </form>
  );
}
