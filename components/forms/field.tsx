import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

type FrameProps = { label: string; name: string; error?: string; hint?: string };

/**
 * Label, control, hint and error wired together for screen readers (aria-describedby, aria-invalid); `control`
 * gets the id and aria attributes to put on the input or textarea.
 */
function FieldFrame({ label, name, error, hint, control }: FrameProps & { control: (a: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  const id = `f-${name}`;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="label">
        {label}
      </label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
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

/** A labelled input with hint and error. */
export function Field({ label, name, error, hint, ...input }: FrameProps & InputHTMLAttributes<HTMLInputElement>) {
  return <FieldFrame label={label} name={name} error={error} hint={hint} control={(a) => <input name={name} className="input" {...a} {...input} />} />;
}

/** Like Field, for multi-line text. */
export function TextareaField({ label, name, error, hint, ...textarea }: FrameProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <FieldFrame label={label} name={name} error={error} hint={hint} control={(a) => <textarea name={name} className="input" {...a} {...textarea} />} />;
}
