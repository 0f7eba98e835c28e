'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Field } from '@/components/forms/field';

/** The brand colour as text (#rrggbb) and as a colour picker, kept in step. */
export function BrandColorField({ initial, error }: { initial: string; error?: string }) {
  const t = useTranslations('profile');
  const [color, setColor] = useState(initial);
  const colorOk = /^#[0-9a-fA-F]{6}$/.test(color);
  return (
    <div className="flex items-start gap-3">
      <div className="grow">
        <Field
          label={t('fields.brandColor')}
          name="brandColor"
          maxLength={7}
          placeholder="#0f766e"
          hint={t('fields.brandColorHint')}
          error={error}
          value={color}
          onChange={(e) => setColor(e.target.value)}
        />
      </div>
      <input
        type="color"
        aria-label={t('fields.brandColorPicker')}
        className="mt-6 h-10 w-12 shrink-0 cursor-pointer rounded border border-gray-500"
        value={colorOk ? color.toLowerCase() : '#0f766e'}
        onChange={(e) => setColor(e.target.value)}
      />
    </div>
  );
}
