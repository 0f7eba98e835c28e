import { DomainError } from '@/lib/errors';
import { MAX_FILE_BYTES } from './limits';

export type ByteSource = Uint8Array | ReadableStream<Uint8Array>;
export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export const notAContactFile = () => new DomainError('addressBook.notAContactFile', 422);
const tooLarge = () => new DomainError('addressBook.tooLarge', 413);

/** The byte chunks of the input, counted: more than MAX_FILE_BYTES stops the read (the stream is cancelled) with 413. */
async function* byteChunks(input: ByteSource, onProgress?: (bytesRead: number) => void): AsyncGenerator<Uint8Array> {
  if (input instanceof Uint8Array) {
    if (input.byteLength > MAX_FILE_BYTES) throw tooLarge();
    onProgress?.(input.byteLength);
    yield input;
    return;
  }
  const reader = input.getReader();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
      if (read > MAX_FILE_BYTES) throw tooLarge();
      onProgress?.(read);
      if (value.byteLength) yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** A byte order mark at the start, and the encoding it names. */
function sniffBom(b: Uint8Array): { encoding: Encoding; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/** Zip (and so docx/xlsx), PDF, images: refused before any decoding. */
function looksBinary(b: Uint8Array): boolean {
  const head = String.fromCharCode(...b.subarray(0, 8));
  return /^(PK\x03\x04|PK\x05\x06|%PDF-|\x89PNG|GIF8|\xff\xd8\xff|\x1f\x8b)/.test(head);
}

/** How many bytes at the end of `b` start a UTF-8 sequence that the next chunk completes (0–3). */
function incompleteUtf8Tail(b: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const byte = b[b.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/**
 * The input decoded to text, chunk by chunk: BOM-named UTF-16 or UTF-8; without a BOM UTF-8, and from the first
 * invalid UTF-8 sequence on Windows-1252 (Outlook and Excel on Windows write it; ISO-8859-1 is its subset for every
 * letter an address book holds). The chunks before the switch were valid UTF-8, which for a Windows-1252 file means
 * plain ASCII, so nothing is decoded twice. NUL characters mean a binary file: 422.
 */
export async function* decodeText(input: ByteSource, onProgress?: (bytesRead: number) => void): AsyncGenerator<string> {
  let encoding: Encoding | null = null;
  let streaming: TextDecoder | null = null;
  let carry = new Uint8Array(0);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for await (let chunk of byteChunks(input, onProgress)) {
    if (encoding === null) {
      if (looksBinary(chunk)) throw notAContactFile();
      const bom = sniffBom(chunk);
      encoding = bom?.encoding ?? 'utf-8';
      if (bom) chunk = chunk.subarray(bom.skip);
      if (encoding !== 'utf-8') streaming = new TextDecoder(encoding);
    }
    let text: string;
    if (streaming) text = streaming.decode(chunk, { stream: true });
    else {
      const joined = carry.length ? concat(carry, chunk) : chunk;
      const tail = encoding === 'utf-8' ? incompleteUtf8Tail(joined) : 0;
      const body = joined.subarray(0, joined.length - tail);
      carry = joined.slice(joined.length - tail);
      try {
        text = encoding === 'utf-8' ? utf8.decode(body) : new TextDecoder('windows-1252').decode(body);
      } catch {
        encoding = 'windows-1252';
        text = new TextDecoder('windows-1252').decode(joined);
        carry = new Uint8Array(0);
      }
    }
    if (text.includes('\u0000')) throw notAContactFile();
    if (text) yield text;
  }
  const rest = streaming ? streaming.decode() : carry.length ? new TextDecoder('windows-1252').decode(carry) : '';
  if (rest.includes('\u0000')) throw notAContactFile();
  if (rest) yield rest;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
