// Stand-in for the `server-only` marker package under vitest (Next.js resolves it to an empty module itself).
export {};
