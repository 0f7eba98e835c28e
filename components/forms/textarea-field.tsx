import type { TextareaHTMLAttributes } from 'react';

/** Like Field, for multi-line text: label, textarea, hint and error wired together (aria-describedby, aria-invalid). */
export function TextareaField({
  label,
  name,
  error,
  hint,
  ...textarea
}: { label: string; name: string; error?: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = `f-${name}`;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <textarea id={id} name={name} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...textarea} />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
