// npm run db:migrate – applies db/migrations to DATABASE_URL (the embedded database migrates itself at start).
import { migratePostgres } from '../db/index';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: the embedded PGlite database applies its migrations itself on start.');
  process.exit(1);
}
await migratePostgres(url);
console.log('migrations applied');
