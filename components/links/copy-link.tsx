'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';

/** The invite URL in a read-only field with a copy button; where the clipboard API is missing it selects the text. */
export function CopyLink({ url, id }: { url: string; id: string }) {
  const t = useTranslations('links');
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<'idle' | 'copied' | 'selected'>('idle');

  useEffect(() => {
    if (result !== 'copied') return;
    const timer = setTimeout(() => setResult('idle'), 2500);
    return () => clearTimeout(timer);
  }, [result]);

  async function copy() {
    try {
      // navigator.clipboard is undefined outside secure contexts (plain http): that throws here too.
      await navigator.clipboard.writeText(url);
      setResult('copied');
    } catch {
      input.current?.focus();
      input.current?.select();
      setResult('selected');
    }
  }

  return (
    <div className="field">
      <label htmlFor={id} className="label">
        {t('url')}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="input min-w-0 flex-1 font-mono text-sm"
          spellCheck={false}
        />
        <button type="button" onClick={copy} className="btn-secondary">
          {t('copy')}
        </button>
      </div>
      <p role="status" aria-live="polite" className={result === 'copied' ? 'text-sm font-semibold text-green-800' : 'hint'}>
        {result === 'copied' ? `✓ ${t('copied')}` : result === 'selected' ? t('copyFallback') : ''}
      </p>
    </div>
  );
}
