import 'server-only';
import type { Tx } from '@/db';
import { withTenant } from '@/lib/db/with-tenant';
import { streamFromGenerator } from './stream';

/** A download streamed from `chunks`, read in one transaction of `tenantId` that stays open while the client reads. */
export function tenantStream(tenantId: string, chunks: (tx: Tx) => AsyncIterable<string>): ReadableStream<Uint8Array> {
  return streamFromGenerator((emit) =>
    withTenant(tenantId, async (tx) => {
      for await (const chunk of chunks(tx)) await emit(chunk);
    }),
  );
}
