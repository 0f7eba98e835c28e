/** A public ledger response in text/plain (keys, checkpoints): no personal data, cacheable for `cache`. */
export function ledgerText(body: string, cache: string): Response {
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': cache, 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*' } });
}

/** A public ledger response in JSON (consistency proofs). */
export function ledgerJson(body: unknown, cache: string): Response {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': cache, 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*' } });
}

/** A tile: full tiles never change (immutable for a year), partial ones are superseded as the tree grows. */
export function ledgerTile(bytes: Buffer, full: boolean): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Cache-Control': full ? 'public, max-age=31536000, immutable' : 'public, max-age=60',
      'X-Content-Type-Options': 'nosniff',
      'Access-Control-Allow-Origin': '*',
    },
  });
}
