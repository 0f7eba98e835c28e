import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { dismissSetupAction } from '@/app/(dashboard)/dashboard/setup-actions';
import { SubmitButton } from '@/components/forms/submit-button';
import type { SetupProgress } from '@/lib/tenants/setup-progress';

/** "From sign-up to the first link": the setup steps with progress; each links straight to its form. */
export async function SetupChecklist({ progress, canDismiss }: { progress: SetupProgress; canDismiss: boolean }) {
  const t = await getTranslations('setup');
  const next = progress.steps.find((s) => !s.done);
  return (
    <section className="card" aria-labelledby="setup-h" data-testid="setup-checklist">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="setup-h" className="text-lg font-semibold">
            {t('title')}
          </h2>
          <p className="text-gray-700">{t('progress', { done: progress.doneCount, total: progress.total })}</p>
        </div>
        {canDismiss && (
          <form action={dismissSetupAction}>
            <SubmitButton pending={t('dismissing')} className="btn-secondary">
              {t('dismiss')}
            </SubmitButton>
          </form>
        )}
      </div>
      <progress className="mt-3 h-2 w-full" max={progress.total} value={progress.doneCount} aria-label={t('progress', { done: progress.doneCount, total: progress.total })} />
      <ol className="mt-4 flex flex-col gap-3">
        {progress.steps.map((step, i) => (
          <li key={step.id} className="flex items-start gap-3" data-testid={`setup-step-${step.id}`} data-done={step.done}>
            <span
              aria-hidden="true"
              className={`mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full text-sm ${step.done ? 'bg-green-700 text-white' : 'border border-gray-400 text-gray-700'}`}
            >
              {step.done ? '✓' : i + 1}
            </span>
            <div>
              <Link href={step.href} className={`link font-medium ${step === next ? 'font-semibold' : ''}`}>
                {t(`steps.${step.id}.title`)}
              </Link>
              <span className="sr-only"> — {step.done ? t('stepDone') : t('stepOpen')}</span>
              <p className="text-sm text-gray-700">{t(`steps.${step.id}.body`)}</p>
              {step.id === 'profile' && <p className="text-sm text-gray-700">{t('dpoRule')}</p>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
