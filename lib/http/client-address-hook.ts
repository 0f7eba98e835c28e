import http from 'node:http';
import { CLIENT_IP_HEADER, clientAddress } from './client-address';

const g = globalThis as unknown as { __einwClientAddressHook?: number };

/**
 * Next.js hands route code no socket: `next start` only fills X-Forwarded-For with the socket address when the client
 * sent none, so a client-written header would pass for its address. This hook sees every request of this process's
 * HTTP servers before Next does and overwrites the private CLIENT_IP_HEADER with the address by the
 * rightmost-untrusted rule (lib/http/client-address.ts), replacing anything the client sent under that name.
 * Installed once per process at server start (lib/boot.ts).
 */
export function installClientAddressHook(trustedHops: number): void {
  if (g.__einwClientAddressHook !== undefined) {
    g.__einwClientAddressHook = trustedHops;
    return;
  }
  g.__einwClientAddressHook = trustedHops;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      const ip = clientAddress(req.socket?.remoteAddress, req.headers['x-forwarded-for'], g.__einwClientAddressHook ?? 0);
      if (ip) req.headers[CLIENT_IP_HEADER] = ip;
      else delete req.headers[CLIENT_IP_HEADER];
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}

/** Whether this process's requests carry a trustworthy CLIENT_IP_HEADER. */
export function clientAddressHookInstalled(): boolean {
  return g.__einwClientAddressHook !== undefined;
}
