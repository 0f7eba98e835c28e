'use client';

import { useLocale } from 'next-intl';
import { useActionState, useState } from 'react';
import { eraseContactAction } from '@/app/(dashboard)/dashboard/ledger/erase-actions';
import { TextareaField } from '@/components/forms/field';
import { FormMessage, submitted, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

/** Texts of the form, translated on the server (the privacy namespace is not sent to the client). */
export type EraseLabels = { reason: string; reasonHint: string; sameData: string; submit: string; submitting: string; done: string };

/**
 * "Erase (Art. 17)" for the DPO: a mandatory reason (kept in the audit log), and the choice to erase the same
 * person's other submissions too (exactly the same number or e-mail; `labels.sameData` names how many, shown when any).
 */
export function EraseContact({ contactId, sameCount, labels: t }: { contactId: string; sameCount: number; labels: EraseLabels }) {
  const locale = useLocale();
  const [key] = useState(() => crypto.randomUUID());
  const [state, action] = useActionState(eraseContactAction, null);
  const fieldError = useFieldError(state);
  return (
    <form action={action} className="flex flex-col gap-2" data-testid="erase-form">
      <input type="hidden" name="contactId" value={contactId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <input type="hidden" name="locale" value={locale} />
      <FormMessage state={state} success={t.done} />
      <TextareaField label={t.reason} hint={t.reasonHint} name="reason" required minLength={3} maxLength={500} rows={2} defaultValue={submitted(state, 'reason')} error={fieldError('reason')} />
      {sameCount > 0 && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="sameData" value="1" />
          {t.sameData}
        </label>
      )}
      <SubmitButton pending={t.submitting} className="btn-secondary border-red-700 text-red-800">
        {t.submit}
      </SubmitButton>
    </form>
  );
}
