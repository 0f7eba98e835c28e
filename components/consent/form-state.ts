import type { Problem } from '@/lib/http/problem';

/** A refused form post, to render the form again: the problem (code + every field error) and what the user typed. */
export type FormFailure = { problem: Problem; values: Record<string, string> };
