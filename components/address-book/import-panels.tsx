import { getTranslations } from 'next-intl/server';
import { createInvitesAction, finishImportAction } from '@/app/(dashboard)/dashboard/address-book/actions';
import type { ListCounts } from '@/lib/address-book/types';

/** The import's downloads: cleaned vCard, removal list (CSV, PDF), invite links (once created), the DPO report. */
export async function Downloads({ base, id, counts, invites }: { base: string; id: string; counts: ListCounts; invites: number }) {
  const t = await getTranslations('addressBook');
  return (
    <section aria-labelledby="ab-downloads" className="card">
      <h2 id="ab-downloads" className="mb-2 font-semibold">
        {t('downloads.title')}
      </h2>
      <ul className="flex flex-col gap-1">
        <li>
          <a className="link" href={`${base}/cleaned.vcf`} download>
            {t('downloads.cleaned', { count: counts.stay })}
          </a>
        </li>
        <li>
          <a className="link" href={`${base}/removal.csv`} download>
            {t('downloads.removalCsv')}
          </a>
        </li>
        <li>
          <a className="link" href={`${base}/removal.pdf`} download>
            {t('downloads.removalPdf')}
          </a>
        </li>
        {invites > 0 && (
          <li>
            <a className="link" href={`${base}/invites.csv`} download>
              {t('downloads.invitesCsv')}
            </a>
          </li>
        )}
        <li>
          <a className="link" href={`/dashboard/address-book/checks/${id}/report.pdf`} download>
            {t('downloads.checkPdf')}
          </a>
        </li>
      </ul>
    </section>
  );
}

/** Bulk personal invite links for "not asked yet": a notice and a label, then one single-use link per card. */
export async function InvitesPanel({ id, notices }: { id: string; notices: { id: string; name: string }[] }) {
  const t = await getTranslations('addressBook');
  return (
    <section aria-labelledby="ab-invites" className="card">
      <h2 id="ab-invites" className="mb-2 font-semibold">
        {t('invites.title')}
      </h2>
      <p className="mb-3 text-sm text-gray-700">{t('invites.intro')}</p>
      {notices.length === 0 ? (
        <p>{t('invites.noNotice')}</p>
      ) : (
        <form action={createInvitesAction} className="flex flex-col gap-2">
          <input type="hidden" name="importId" value={id} />
          <label className="label" htmlFor="ab-notice">
            {t('invites.notice')}
          </label>
          <select id="ab-notice" name="noticeId" className="input" defaultValue={notices[0]!.id}>
            {notices.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
          <label className="label" htmlFor="ab-label">
            {t('invites.label')}
          </label>
          <input id="ab-label" name="label" className="input" maxLength={120} />
          <button type="submit" className="btn-primary w-fit">
            {t('invites.create')}
          </button>
        </form>
      )}
    </section>
  );
}

/** "Finish": deletes the uploaded contacts now. */
export async function FinishPanel({ id }: { id: string }) {
  const t = await getTranslations('addressBook');
  return (
    <section aria-labelledby="ab-finish" className="card">
      <h2 id="ab-finish" className="mb-2 font-semibold">
        {t('finish.title')}
      </h2>
      <p className="mb-3 text-sm text-gray-700">{t('finish.intro')}</p>
      <form action={finishImportAction}>
        <input type="hidden" name="importId" value={id} />
        <button type="submit" className="btn-secondary">
          {t('finish.button')}
        </button>
      </form>
    </section>
  );
}

/** Entries the parser skipped, with their line numbers. */
export async function IssuesList({ issues }: { issues: { line: number; reason: string }[] }) {
  const t = await getTranslations('addressBook');
  if (issues.length === 0) return null;
  const tAll = await getTranslations();
  const reason = (key: string) => (tAll.has(key as never) ? tAll(key as never) : key);
  return (
    <details className="card" open={issues.length <= 20}>
      <summary className="font-semibold">{t('issuesTitle', { count: issues.length })}</summary>
      <ul className="mt-2 text-sm" data-testid="issues">
        {issues.slice(0, 500).map((i, k) => (
          <li key={k}>{t('issueLine', { line: i.line, reason: reason(i.reason) })}</li>
        ))}
      </ul>
    </details>
  );
}
