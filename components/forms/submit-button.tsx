'use client';

import { useFormStatus } from 'react-dom';
import type { ReactNode } from 'react';

/** A submit button that shows a pending label and blocks double submits while the action runs. */
export function SubmitButton({ children, pending, className, name, value }: { children: ReactNode; pending: ReactNode; className?: string; name?: string; value?: string }) {
  const status = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={status.pending}
      aria-disabled={status.pending}
      className={className ?? 'btn-primary'}
    >
      {status.pending ? pending : children}
    </button>
  );
}
