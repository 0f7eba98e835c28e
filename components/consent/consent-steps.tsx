import { Markdown } from '@/components/notices/markdown';
import type { NoticeVersion } from '@/lib/notices/get-notice';
import { DecisionForm } from './decision-form';
import type { FormFailure } from './form-state';
import type { PublicI18n } from './i18n';

/** What every step knows: the page's URL, the visit's idempotency key, the company's name. */
export type StepContext = { i18n: PublicI18n; base: string; idempotencyKey: string; company: string };

function StepOf({ i18n, step, total }: { i18n: PublicI18n; step: number; total: number }) {
  return <p className="step">{i18n.t('consent.stepOf', { step, total })}</p>;
}

/** Step 1: the question, two links (plain GET navigations). */
export function QuestionStep({ c }: { c: StepContext }) {
  const { t } = c.i18n;
  return (
    <>
      <StepOf i18n={c.i18n} step={1} total={3} />
      <h1>{t('consent.question', { company: c.company })}</h1>
      <p className="lead">{t('consent.questionHint')}</p>
      <div className="row">
        <a href={`${c.base}?step=notice&k=${c.idempotencyKey}`} className="btn">
          {t('consent.yes')}
        </a>
        <a href={`${c.base}?step=refuse&k=${c.idempotencyKey}`} className="btn btn2">
          {t('consent.no')}
        </a>
      </div>
    </>
  );
}

/** Step 2 of an opt-in: the published notice and the confirmation checkbox (a GET form: moving on changes nothing). */
export function NoticeStep({ c, notice, missingConfirmation }: { c: StepContext; notice: NoticeVersion; missingConfirmation: boolean }) {
  const { t } = c.i18n;
  return (
    <>
      <StepOf i18n={c.i18n} step={2} total={3} />
      <h1>{t('consent.noticeTitle')}</h1>
      <article className="card" lang={notice.language} aria-labelledby="notice-h">
        <h2 id="notice-h" className="mb">
          {notice.title}
        </h2>
        <div className="md">
          <Markdown source={notice.body} />
        </div>
        <p className="tiny">{t('consent.noticeVersion', { version: notice.version, hash: notice.textHash ?? '' })}</p>
      </article>
      <form action={c.base} method="get" className="stack">
        <input type="hidden" name="step" value="details" />
        <input type="hidden" name="k" value={c.idempotencyKey} />
        {missingConfirmation && (
          <p className="error" role="alert">
            {t('consent.errors.confirm')}
          </p>
        )}
        <label className="check">
          <input type="checkbox" name="confirmed" value="1" required />
          <span>{t('consent.confirmLabel', { company: c.company })}</span>
        </label>
        <button type="submit" className="btn full">
          {t('consent.continue')}
        </button>
      </form>
      <a href={c.base} className="back">
        {t('consent.back')}
      </a>
    </>
  );
}

type FormStep = { c: StepContext; prefillName: string | null; prefillPhone: string | null; failure?: FormFailure | null };

/** Step 3 of an opt-in: name, number (and e-mail under double opt-in), posted to the page's own URL. */
export function DetailsStep({ c, noticeVersionId, emailRequired, prefillName, prefillPhone, failure }: FormStep & { noticeVersionId: string; emailRequired: boolean }) {
  const { t } = c.i18n;
  return (
    <>
      <StepOf i18n={c.i18n} step={3} total={3} />
      <h1>{t('consent.detailsTitle')}</h1>
      <p className="lead">{t('consent.detailsIntro', { company: c.company })}</p>
      <DecisionForm
        i18n={c.i18n}
        action={c.base}
        decision="opt_in"
        idempotencyKey={c.idempotencyKey}
        noticeVersionId={noticeVersionId}
        emailRequired={emailRequired}
        prefillName={prefillName}
        prefillPhone={prefillPhone}
        failure={failure}
      />
      <a href={`${c.base}?step=notice&k=${c.idempotencyKey}`} className="back">
        {t('consent.back')}
      </a>
    </>
  );
}

/** Step 2 of a refusal: optional name and number. */
export function RefuseStep({ c, prefillName, prefillPhone, failure }: FormStep) {
  const { t } = c.i18n;
  return (
    <>
      <StepOf i18n={c.i18n} step={2} total={2} />
      <h1>{t('consent.refuseTitle')}</h1>
      <p className="lead">{t('consent.refuseIntro', { company: c.company })}</p>
      <DecisionForm i18n={c.i18n} action={c.base} decision="opt_out" idempotencyKey={c.idempotencyKey} prefillName={prefillName} prefillPhone={prefillPhone} failure={failure} />
      <a href={c.base} className="back">
        {t('consent.back')}
      </a>
    </>
  );
}

/** An opt-in step before the company published a notice. */
export function NoNoticeStep({ c }: { c: StepContext }) {
  return (
    <p className="bad" role="alert">
      {c.i18n.t('consent.noNoticeYet', { company: c.company })}
    </p>
  );
}
