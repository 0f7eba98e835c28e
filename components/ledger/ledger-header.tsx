import { getTranslations } from 'next-intl/server';
import { can, type Role } from '@/lib/auth/permissions';
import type { LedgerFilter } from '@/lib/ledger/schemas';
import { ledgerQueryString } from './ledger-query';
import { VerifyChainButton } from './verify-chain-button';

/** Title with the exports (CSV of the filtered ledger, vCard) and chain verification, as the role allows. */
export async function LedgerHeader({ role, filter }: { role: Role; filter: LedgerFilter }) {
  const t = await getTranslations('ledger');
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <div className="flex flex-wrap items-start gap-3">
        {can(role, 'ledger.export') && (
          <>
            <a href={`/dashboard/ledger/export.csv${ledgerQueryString(filter)}`} className="btn-secondary" download>
              {t('exportCsv')}
            </a>
            <a href="/dashboard/ledger/contacts.vcf" className="btn-secondary" download>
              {t('exportVcard')}
            </a>
          </>
        )}
        {can(role, 'ledger.verify') && <VerifyChainButton />}
      </div>
    </div>
  );
}
