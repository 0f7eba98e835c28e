import http from 'node:http';

/** One request of a paced run. */
export type PacedRequest = { path: string; headers: Record<string, string>; body: string };

/** What a paced run saw: latencies sorted ascending, answers by status (`error` for failed connections/timeouts). */
export type PacedRun = { sent: number; seconds: number; latencies: number[]; statusCodes: Record<string, number>; trace: [due: number, latency: number][] };

/** Percentile p of an ascending list. */
export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/**
 * Paced open loop of POSTs: request i is due at start + i/rate; its latency runs from that due time to the response
 * end, so a server that falls behind shows its queueing (closed-loop tools hide it). Shared by the consent and
 * WhatsApp benches.
 */
export async function pacedPosts(base: string, rate: number, seconds: number, build: () => PacedRequest): Promise<PacedRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const count = Math.round(rate * seconds);
  const latencies: number[] = [];
  const trace: [number, number][] = [];
  const statusCodes: Record<string, number> = {};
  const count1 = (key: string) => (statusCodes[key] = (statusCodes[key] ?? 0) + 1);
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const r = build();
    inflight.push(
      new Promise<void>((resolve) => {
        const req = http.request(base + r.path, { method: 'POST', agent, headers: r.headers, timeout: 10_000 }, (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            trace.push([due - start, performance.now() - due]);
            count1(String(res.statusCode));
            resolve();
          });
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', () => {
          count1('error');
          resolve();
        });
        req.end(r.body);
      }),
    );
  }
  await Promise.all(inflight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { sent: count, seconds: (performance.now() - start) / 1000, latencies, statusCodes, trace };
}
