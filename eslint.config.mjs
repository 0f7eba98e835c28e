import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Layer rules (STYLE.md §13): app/ and components/ reach the database only through lib/; lib/ never imports app/
// or components/ (server actions are the one exception: lib stays free of them).
const noDbOutsideLib = {
  patterns: [
    { group: ['@/db', '@/db/*', 'drizzle-orm', 'drizzle-orm/*'], message: 'Reach the database through lib/ (withTenant + a use case).' },
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
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
];
export default config;
