import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Both load native/wasm assets at runtime; bundling them breaks their file lookups.
  serverExternalPackages: ['@electric-sql/pglite', '@react-pdf/renderer'],
  poweredByHeader: false,
  // forbidden() from next/navigation answers a real 403 (app/forbidden.tsx) when a role lacks a permission.
  // BENCH_PROFILE=1 builds the server code unminified, so a --cpu-prof profile names our functions (bench/README).
  // inlineCss: the stylesheet goes into the HTML instead of a render-blocking request (Lighthouse counted ≈ 200 ms on
  // the consent page's first paint); the CSP allows inline styles, not inline scripts.
  experimental: { authInterrupts: true, inlineCss: true, serverMinification: process.env.BENCH_PROFILE !== '1' },
  // A separate build dir lets e2e/bench builds run beside `next dev` without clobbering it.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The ledger's verifier keys at their well-known URL (issue #16): the App Router does not route dot-folders.
  async rewrites() {
    return [{ source: '/.well-known/einwilligung-ledger-keys', destination: '/api/ledger/keys' }];
  },
};

export default withNextIntl(nextConfig);
