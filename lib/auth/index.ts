import 'server-only';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth from 'next-auth';
import Resend from 'next-auth/providers/resend';
import { getDb } from '@/db';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import { appUrl, authSecret, mailFrom } from '@/lib/config';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { sendMagicLink } from './magic-link';
import { signInMailAllowed } from './sign-in-limit';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name?: string | null };
  }
}

// Lazy config: the adapter checks the db object when called, and the db must not open at import (next build).
// Database sessions (not JWT): a session can be revoked server-side at once, e.g. when a member is removed.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  // next-auth builds its URLs from process.env.AUTH_URL when set (route handlers: reqWithEnvURL; server actions:
  // createActionURL), read after this function returns; without it, from Host / X-Forwarded-Host. Pin it to APP_URL
  // so no request header can choose the magic link's host (lib/env.ts checks a configured AUTH_URL has its origin).
  process.env.AUTH_URL = appUrl();
  return {
    adapter: DrizzleAdapter(await getDb(), {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    providers: [
      Resend({
        from: mailFrom(),
        apiKey: env().RESEND_API_KEY ?? 'local-outbox',
        maxAge: 60 * 60,
        sendVerificationRequest: sendMagicLink,
      }),
    ],
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin/error' },
    callbacks: {
      // The e-mail step only (verificationRequest); the later click on the link is not limited here.
      signIn({ user, email }) {
        return email?.verificationRequest ? signInMailAllowed(user.email) : true;
      },
      session({ session, user }) {
        return { ...session, user: { ...session.user, id: user.id } };
      },
    },
    // Auth.js's own logger prints stacks with URLs; ours keeps the error kind only (no tokens in the log).
    logger: {
      error: (error) => log.warn({ kind: (error as { type?: string }).type ?? error.name }, 'auth error'),
      warn: (code) => log.warn({ code }, 'auth warning'),
      debug: () => {},
    },
    secret: authSecret(),
    // The URL comes from AUTH_URL (= APP_URL, above), not from the request; proxy.ts refuses foreign hosts.
    trustHost: true,
  };
});
