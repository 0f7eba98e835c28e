import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Layer rules (STYLE.md §13): app/ and components/ reach the database only through lib/; lib/ never imports app/
// or components/ (server actions are the one exception: lib stays free of them).
// withSystem and systemDb run as the owner role, past row-level security: only lib/ use cases may call them
// (token resolution, onboarding, invitations, the mail worker). app/ and components/ get a tenant through withTenant
// or a lib/ function. scripts/ and bench/ are operator tools outside the request path and keep their cross-tenant reads.
const SYSTEM_DOORS = ['withSystem', 'systemDb'];
const systemDoorsMessage = 'withSystem/systemDb bypass row-level security: call a lib/ use case that does the cross-tenant lookup.';
const noDbOutsideLib = {
  paths: [{ name: '@/lib/db/with-tenant', importNames: SYSTEM_DOORS, message: systemDoorsMessage }],
  patterns: [
    { group: ['@/db', '@/db/*', 'drizzle-orm', 'drizzle-orm/*'], message: 'Reach the database through lib/ (withTenant + a use case).' },
    { group: ['**/lib/db/with-tenant', '!@/lib/db/with-tenant'], importNames: SYSTEM_DOORS, message: systemDoorsMessage },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', '.next-*/**', 'node_modules/**', '.data*/**', 'test-results/**', 'playwright-report/**', 'db/migrations/**', 'next-env.d.ts'],
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', noDbOutsideLib] },
  },
  {
    files: ['lib/**/*.{ts,tsx}', 'db/**/*.ts', 'emails/**/*.tsx'],
    ignores: ['lib/**/__tests__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/app/*', '@/components/*'], message: 'lib/ must not depend on app/ or components/.' }] },
      ],
    },
  },
  // Functions ≤ 80 lines (STYLE): pages and components split by what the user sees, use cases by step. Tests are
  // exempt (a describe block is a list of cases); scripts/largest-functions.ts lists the largest for a review.
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'emails/**/*.tsx'],
    ignores: ['**/__tests__/**', '**/*.test.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
];
export default config;
