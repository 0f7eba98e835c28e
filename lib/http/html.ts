import type { ReactNode } from 'react';

/**
 * Renders React elements (JSX of plain, server-side function components) to an HTML string: no hydration markers,
 * no framework runtime, nothing for the browser to execute. The public consent pages use it from route handlers
 * (lib/http/public-pipeline.ts) because Next 16 refuses `react-dom/server` in route handlers ("You're importing a
 * component that imports react-dom/server", build error), and the pages need none of React's client features.
 *
 * Supported: intrinsic elements, function components (sync; an async one — a Promise — is awaited), fragments,
 * arrays, strings and numbers (escaped), null/undefined/booleans (nothing), and `<TrustedHtml html={…} />` for markup
 * the server generated itself (a QR code's SVG). Refused (throws): class components, context providers,
 * `dangerouslySetInnerHTML` and attribute names outside [A-Za-z0-9:-] — so text can only ever become text.
 */
export async function renderHtml(node: ReactNode): Promise<string> {
  const out: (string | Promise<string>)[] = [];
  walk(node, out);
  if (out.every((x) => typeof x === 'string')) return (out as string[]).join('');
  return (await Promise.all(out)).join('');
}

/**
 * Markup inserted as it is: only for HTML or SVG the server generated itself from no user input (e.g. the qrcode
 * package's SVG of a URL we built). Never for anything a user or the database supplied as text.
 */
export function TrustedHtml(_props: { html: string }): null {
  return null; // renderHtml inserts `html` itself; React never renders this component
}

const ELEMENT = Symbol.for('react.transitional.element');
const LEGACY_ELEMENT = Symbol.for('react.element');
const FRAGMENT = Symbol.for('react.fragment');
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
// React prop names whose HTML attribute is not simply the lower-cased name.
const RENAMED: Record<string, string> = { className: 'class', htmlFor: 'for', acceptCharset: 'accept-charset', httpEquiv: 'http-equiv', defaultValue: 'value', defaultChecked: 'checked' };
// Enumerated attributes that take "true"/"false" rather than being present or absent.
const BOOLEANISH = new Set(['spellcheck', 'draggable', 'contenteditable']);
const SAFE_NAME = /^[A-Za-z][A-Za-z0-9:-]*$/;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escapes text and attribute values (& < > " '). */
export function escapeHtml(s: string): string {
  return /[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : s;
}

type Element = { $$typeof: symbol; type: unknown; props: Record<string, unknown> };

function walk(node: unknown, out: (string | Promise<string>)[]): void {
  if (node === null || node === undefined || typeof node === 'boolean') return;
  if (typeof node === 'string') return void out.push(escapeHtml(node));
  if (typeof node === 'number' || typeof node === 'bigint') return void out.push(String(node));
  if (Array.isArray(node)) {
    for (const child of node) walk(child, out);
    return;
  }
  if (typeof node === 'object' && node !== null && 'then' in node && typeof node.then === 'function') {
    out.push((node as Promise<unknown>).then((resolved) => renderHtml(resolved as ReactNode)));
    return;
  }
  const el = node as Element;
  if (el.$$typeof !== ELEMENT && el.$$typeof !== LEGACY_ELEMENT) throw new Error(`renderHtml: cannot render ${typeof node}`);
  if (el.type === FRAGMENT) return walk(el.props.children, out);
  if (el.type === TrustedHtml) return void out.push(String(el.props.html));
  if (typeof el.type === 'function') {
    if ((el.type as { prototype?: { isReactComponent?: unknown } }).prototype?.isReactComponent) throw new Error('renderHtml: class components are not supported');
    return walk((el.type as (p: unknown) => unknown)(el.props), out);
  }
  if (typeof el.type !== 'string' || !SAFE_NAME.test(el.type)) throw new Error('renderHtml: unsupported element type');
  tag(el.type, el.props, out);
}

function tag(name: string, props: Record<string, unknown>, out: (string | Promise<string>)[]): void {
  let open = `<${name}`;
  for (const key in props) {
    if (key === 'children' || key === 'key' || key === 'ref') continue;
    if (key === 'dangerouslySetInnerHTML') throw new Error('renderHtml: dangerouslySetInnerHTML is not supported');
    const value = props[key];
    if (value === null || value === undefined || typeof value === 'function') continue;
    if (!SAFE_NAME.test(key)) throw new Error(`renderHtml: unsafe attribute name ${key}`);
    const attr = RENAMED[key] ?? (key.startsWith('aria-') || key.startsWith('data-') ? key : key.toLowerCase());
    if (key === 'style' && typeof value === 'object') {
      open += ` style="${escapeHtml(styleText(value as Record<string, unknown>))}"`;
    } else if (typeof value === 'boolean') {
      if (BOOLEANISH.has(attr) || attr.startsWith('aria-')) open += ` ${attr}="${value}"`;
      else if (value) open += ` ${attr}`;
    } else {
      open += ` ${attr}="${escapeHtml(String(value))}"`;
    }
  }
  out.push(open + '>');
  if (VOID.has(name)) return;
  walk(props.children, out);
  out.push(`</${name}>`);
}

function styleText(style: Record<string, unknown>): string {
  return Object.entries(style)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k.startsWith('--') ? k : k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${String(v)}`)
    .join(';');
}

/**
 * An HTML page as a response: `<!doctype html>` + the rendered document. `no-store`: the pages carry a per-visit
 * idempotency key or someone's own data, and must not be served again from a cache.
 */
export async function htmlResponse(node: ReactNode, status = 200, headers: HeadersInit = {}): Promise<Response> {
  const body = '<!doctype html>' + (await renderHtml(node));
  const h = new Headers(headers);
  h.set('Content-Type', 'text/html; charset=utf-8');
  if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  return new Response(body, { status, headers: h });
}
