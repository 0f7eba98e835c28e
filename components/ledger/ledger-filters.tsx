import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { EVENT_TYPES } from '@/lib/consent/types';
import type { ledgerFilterOptions } from '@/lib/ledger/filter-options';
import type { LedgerFilter } from '@/lib/ledger/schemas';

type Options = Awaited<ReturnType<typeof ledgerFilterOptions>>;

function Field({ id, label, className = '', children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`field ${className}`}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A select of the filter form: "all" first, then the given choices. */
function Choice({ id, value, all, choices }: { id: string; value: string | undefined; all: string; choices: { value: string; label: string }[] }) {
  return (
    <select id={id} name={id} className="input" defaultValue={value ?? ''}>
      <option value="">{all}</option>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** The ledger's filter form (GET): search, event type, date range, link, notice version. */
export async function LedgerFilters({ filter, options, invalid, filtered }: { filter: LedgerFilter; options: Options; invalid: boolean; filtered: boolean }) {
  const t = await getTranslations('ledger');
  return (
    <form method="get" className="card grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label={t('filters')}>
      {invalid && (
        <p className="notice-error sm:col-span-3 lg:col-span-6" role="alert">
          {t('badFilter')}
        </p>
      )}
      <Field id="q" label={t('search')} className="lg:col-span-2">
        <input id="q" name="q" type="search" className="input" maxLength={100} defaultValue={filter.q} placeholder={t('searchPlaceholder')} />
      </Field>
      <Field id="type" label={t('type')}>
        <Choice id="type" value={filter.type} all={t('all')} choices={EVENT_TYPES.map((ty) => ({ value: ty, label: t(`type_${ty}`) }))} />
      </Field>
      <Field id="from" label={t('from')}>
        <input id="from" name="from" type="date" className="input" defaultValue={filter.from} />
      </Field>
      <Field id="to" label={t('to')}>
        <input id="to" name="to" type="date" className="input" defaultValue={filter.to} />
      </Field>
      <Field id="link" label={t('link')}>
        <Choice id="link" value={filter.link} all={t('all')} choices={options.links.map((l) => ({ value: l.id, label: l.label }))} />
      </Field>
      <Field id="notice" label={t('noticeVersion')} className="lg:col-span-2">
        <Choice
          id="notice"
          value={filter.notice}
          all={t('all')}
          choices={options.versions.map((v) => ({ value: v.id, label: `${v.notice} · v${v.version} (${v.language})` }))}
        />
      </Field>
      <div className="flex items-end gap-3 lg:col-span-4">
        <button type="submit" className="btn-primary">
          {t('applyFilters')}
        </button>
        {filtered && (
          <Link href="/dashboard/ledger" className="link">
            {t('resetFilters')}
          </Link>
        )}
      </div>
    </form>
  );
}
