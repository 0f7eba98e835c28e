'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { verifyChainAction } from '@/app/(dashboard)/dashboard/ledger/actions';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import type { ChainEvidence } from '@/lib/consent/verify-chain';

/** Where a break was seen, as the table, row and expected/found values (no personal data: ids, counts, hashes). */
function evidenceText(e: ChainEvidence): string {
  return [e.source, e.id, e.expected !== undefined && `${e.expected} ≠ ${e.found}`].filter(Boolean).join(' · ');
}

/** "Verify chain": recomputes all hashes on the server and shows the result or the first broken link, with its evidence. */
export function VerifyChainButton() {
  const t = useTranslations('ledger');
  const [state, action] = useActionState(verifyChainAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <SubmitButton pending={t('verifying')} className="btn-secondary">
        {t('verify')}
      </SubmitButton>
      <FormMessage state={state} />
      {state?.ok && (
        <div role="status" data-testid="verify-result" className={state.data.ok ? 'notice-ok' : 'notice-error'}>
          <p>
            {state.data.ok
              ? t('verifyOk', { events: state.data.events })
              : t('verifyBroken', { seq: state.data.firstBreak!.seq, reason: t(`break_${state.data.firstBreak!.reason}`) })}
          </p>
          {state.data.firstBreak?.evidence && (
            <p className="font-mono text-xs" data-testid="verify-evidence">
              {t('verifyEvidence', { source: evidenceText(state.data.firstBreak.evidence) })}
            </p>
          )}
          {state.data.breaks.length > 1 && <p className="text-sm">{t('verifyMore', { count: state.data.breaks.length - 1 })}</p>}
        </div>
      )}
    </form>
  );
}
