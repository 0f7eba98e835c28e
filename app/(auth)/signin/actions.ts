'use server';

import { z } from 'zod';
import { signIn } from '@/lib/auth';
import { failure, type ActionState } from '@/lib/auth/action';
import { email, fieldErrorsOf } from '@/lib/validation';

const schema = z.object({ email: email(), callbackUrl: z.string().max(500).optional() });

/** Only same-site paths may be returned to after sign-in (no open redirect). */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/dashboard';
}

// POST /signin – validate the address, then Auth.js writes the token and the mail (outbox) and redirects.
export async function requestSignIn(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = schema.safeParse({ email: formData.get('email') ?? '', callbackUrl: formData.get('callbackUrl') ?? undefined });
  if (!parsed.success) return failure(formData, 'validation', fieldErrorsOf(parsed.error));
  await signIn('resend', { email: parsed.data.email, redirectTo: safeCallback(parsed.data.callbackUrl) });
  return { ok: true, data: null };
}
