import 'server-only';
import { graphBaseUrl, graphVersion, SIMULATOR } from './config';
import { simulatorGraphSend } from './simulator/graph';

export type GraphSend = { phoneNumberId: string; accessToken: string; to: string; body: string; replyToMessageId: string | null };
export type GraphResult = { ok: true; messageId: string } | { ok: false; status: number; code: number | null; message: string };

/** The Cloud API request body of a text message (a reply names the message it answers as context). */
export function graphMessageBody(m: GraphSend) {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: m.to,
    type: 'text',
    text: { body: m.body, preview_url: true },
    ...(m.replyToMessageId ? { context: { message_id: m.replyToMessageId } } : {}),
  };
}

/**
 * POST <WHATSAPP_GRAPH_URL>/<version>/<phone_number_id>/messages with the tenant's access token. The in-process
 * simulator is called directly (no HTTP) when WHATSAPP_GRAPH_URL is `simulator` (the development/test default).
 */
export async function sendToGraph(m: GraphSend): Promise<GraphResult> {
  const base = graphBaseUrl();
  const body = graphMessageBody(m);
  if (base === SIMULATOR) return parseAnswer(...(await simulatorGraphSend(m.phoneNumberId, m.accessToken, body)));
  const res = await fetch(`${base}/${graphVersion()}/${encodeURIComponent(m.phoneNumberId)}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${m.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return parseAnswer(res.status, await res.json().catch(() => null));
}

function parseAnswer(status: number, json: unknown): GraphResult {
  const j = json as { messages?: { id?: string }[]; error?: { code?: number; message?: string } } | null;
  const id = j?.messages?.[0]?.id;
  if (status >= 200 && status < 300 && id) return { ok: true, messageId: id };
  return { ok: false, status, code: typeof j?.error?.code === 'number' ? j.error.code : null, message: String(j?.error?.message ?? `HTTP ${status}`).slice(0, 300) };
}
