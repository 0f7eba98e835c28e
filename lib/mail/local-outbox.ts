import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { localOutboxDir } from './transport';

export type LocalMail = { id: string; to: string; subject: string; html: string; text: string; createdAt: string; links: string[]; attachments: string[] };

/** Reads the newest mails of the local outbox (files written by the local transport). */
export async function listLocalOutbox(limit: number): Promise<{ dir: string; mails: LocalMail[] }> {
  const dir = localOutboxDir();
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort().reverse().slice(0, limit);
  const mails = await Promise.all(
    files.map(async (f) => {
      const m = JSON.parse(await readFile(path.join(dir, f), 'utf8'));
      const links = [...new Set<string>(String(m.text).match(/https?:\/\/[^\s<>"\]]+/g) ?? [])];
      return { ...m, links, attachments: (m.attachments ?? []).map((a: { filename: string }) => a.filename) } as LocalMail;
    }),
  );
  return { dir, mails };
}

/** One attachment of a mail in the local outbox (for /dev/outbox), or null. */
export async function readLocalAttachment(mailId: string, filename: string): Promise<{ contentType: string; content: Buffer } | null> {
  const dir = localOutboxDir();
  const file = (await readdir(dir).catch(() => [] as string[])).find((f) => f.endsWith(`_${mailId}.json`));
  if (!file) return null;
  const mail = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as { attachments?: { filename: string; contentType: string; contentBase64: string }[] };
  const a = mail.attachments?.find((x) => x.filename === filename);
  return a ? { contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') } : null;
}
