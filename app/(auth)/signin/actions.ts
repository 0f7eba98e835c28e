'use server';

import { z } from 'zod';
import { signIn } from '@/lib/auth';
import { formAction } from '@/lib/http/pipeline';
import { email } from '@/lib/validation';

const schema = z.object({ email: email(), callbackUrl: z.string().max(500).optional() });

/** Only same-site paths may be returned to after sign-in (no open redirect). */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/dashboard';
}

// POST /signin – validate the address, then Auth.js writes the token and the mail (outbox) and redirects.
export const requestSignIn = formAction(schema, async (input) => {
  await signIn('resend', { email: input.email, redirectTo: safeCallback(input.callbackUrl) });
  return null;
});
