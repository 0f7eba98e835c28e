import { getTranslations } from 'next-intl/server';

/** GET form to look up an event hash (works without JavaScript). */
export async function VerifyForm({ defaultHash }: { defaultHash?: string }) {
  const t = await getTranslations('evidence.verify');
  return (
    <form method="get" action="/verify" className="flex flex-col gap-3">
      <div className="field">
        <label htmlFor="hash" className="label">
          {t('hashLabel')}
        </label>
        <input id="hash" name="hash" className="input font-mono text-sm" maxLength={200} defaultValue={defaultHash} aria-describedby="hash-hint" autoComplete="off" spellCheck={false} />
        <p id="hash-hint" className="hint">
          {t('hashHint')}
        </p>
      </div>
      <button type="submit" className="btn-primary self-start">
        {t('submit')}
      </button>
    </form>
  );
}
