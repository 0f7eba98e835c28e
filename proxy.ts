import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { CLIENT_IP_HEADER } from '@/lib/http/client-address';
import { clientAddressHookInstalled } from '@/lib/http/client-address-hook';

// Next.js proxy (formerly middleware; must live at the project root): security headers on every response,
// a fresh CSP nonce per request, refusal of foreign hosts and of cross-site mutations.

const isDev = process.env.NODE_ENV !== 'production';

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by the nonce-bearing Next.js runtime may load their chunks. Dev needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    // Inline style attributes (brand colour); no nonce here, or browsers would ignore 'unsafe-inline'.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host part of `raw` as a URL of `protocol` would have it (default port dropped), or null when malformed. */
function normaliseHost(raw: string | null, protocol: string): string | null {
  if (!raw || /[\/?#@\s]/.test(raw)) return null;
  try {
    return new URL(`${protocol}//${raw}`).host;
  } catch {
    return null;
  }
}

/**
 * Host pinning (production): a request must be addressed to APP_URL's host, so nothing that reads the Host or
 * X-Forwarded-Host header (Auth.js, Next's server-action origin check) can be pointed elsewhere. With
 * TRUSTED_PROXY_HOPS = 0 both the Host header and X-Forwarded-Host (Next fills it from Host when absent) must name it;
 * behind trusted proxies the Host header is the proxy's upstream name, and the X-Forwarded-Host the nearest proxy set
 * (the rightmost entry) must name it.
 */
function foreignHost(request: NextRequest): boolean {
  if (isDev) return false;
  const { APP_URL, TRUSTED_PROXY_HOPS } = env();
  if (!APP_URL) return false; // the server refuses to start without it (lib/env.ts)
  const app = new URL(APP_URL);
  const forwarded = request.headers.get('x-forwarded-host')?.split(',').pop()?.trim() ?? null;
  if (TRUSTED_PROXY_HOPS > 0) return normaliseHost(forwarded, app.protocol) !== app.host;
  const host = normaliseHost(request.headers.get('host'), app.protocol);
  return host !== app.host || (forwarded !== null && normaliseHost(forwarded, app.protocol) !== app.host);
}

export function proxy(request: NextRequest) {
  if (foreignHost(request)) return new NextResponse('Misdirected request: unknown host', { status: 421 });

  // A browser sends Origin on every cross-site POST; a foreign one never gets to change anything.
  const origin = request.headers.get('origin');
  if (!SAFE_METHODS.has(request.method) && origin && origin !== 'null') {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!host || originHost !== host) return new NextResponse('Forbidden: cross-site request', { status: 403 });
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  // Written by the server-start hook from the socket; without the hook a client could have sent it.
  if (!clientAddressHookInstalled()) requestHeaders.delete(CLIENT_IP_HEADER);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  response.headers.set('X-Frame-Options', 'DENY');
  response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  if (https) response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  return response;
}

export const config = {
  // Static assets carry no nonce and need none of this. Nor does the WhatsApp webhook (issue #17): a machine-to-machine
  // POST authenticated by its HMAC signature, answering text/plain with its own nosniff header; no HTML, no session,
  // nothing built from the Host header. Skipping the proxy there saves its per-request work (a middleware round in
  // Next's router) on the path that must answer Meta fast.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|api/whatsapp/webhook$).*)' }],
};
