import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` diffs db/schema against db/migrations; `npm run db:migrate` applies them to DATABASE_URL.
// The embedded PGlite database applies the same folder itself at start (db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
});
