import { notFound } from '@/lib/errors';
import { route } from '@/lib/http/pipeline';
import { devWhatsappEnabled } from '@/lib/whatsapp/config';
import { simulatorGraphSend } from '@/lib/whatsapp/simulator/graph';

export const dynamic = 'force-dynamic';

// POST /dev/whatsapp/graph/<version>/<phone_number_id>/messages – the simulator's Graph API stand-in over HTTP
// (WHATSAPP_GRAPH_URL=<APP_URL>/dev/whatsapp/graph); development only, like /dev/outbox. Its answers keep the Graph
// API's own error shape (the client parses them as Meta's); only thrown domain errors leave as problem+json.
export const POST = route(async (req, ctx: { params: Promise<{ version: string; phoneNumberId: string }> }) => {
  if (!devWhatsappEnabled()) throw notFound();
  const { phoneNumberId } = await ctx.params;
  const token = (req.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
  const body = (await req.json().catch(() => null)) as Record<string, unknown> | null;
  if (!body) return Response.json({ error: { message: 'Invalid JSON', type: 'OAuthException', code: 100 } }, { status: 400 });
  const [status, json] = await simulatorGraphSend(phoneNumberId, token, body);
  return Response.json(json, { status });
});
