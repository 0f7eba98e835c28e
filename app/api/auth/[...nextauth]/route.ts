// GET|POST /api/auth/* – Auth.js (magic-link sign-in, callback, session, sign-out)
import { handlers } from '@/lib/auth';

export const { GET, POST } = handlers;
