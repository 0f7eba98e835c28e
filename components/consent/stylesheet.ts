import { createHash } from 'node:crypto';

// The one stylesheet of the public pages (consent steps, personal page, confirmation, /verify): hand-written, ≈ 3 kB,
// system fonts (no font download), served by app/(public)/assets/[file]/route.ts under a content-hashed name with a
// year-long immutable cache. Colours keep WCAG AA contrast (checked by axe in e2e/hardening/accessibility.spec.ts).
export const PUBLIC_CSS = `*,::before,::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f9fafb;color:#111827;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1,h2,h3,h4,p,ol,ul,dl,dd{margin:0}
h1{font-size:1.5rem;line-height:1.3;margin-bottom:.75rem}
h2{font-size:1.125rem;line-height:1.4}
a{color:#115e59}
.skip{position:absolute;left:-999px;top:.5rem;background:#fff;padding:.5rem .75rem;border-radius:.25rem}
.skip:focus{left:.5rem;z-index:9}
.wrap{max-width:36rem;margin:0 auto;min-height:100vh;display:flex;flex-direction:column;padding:0 1rem}
.top{display:flex;align-items:center;gap:.75rem;padding:1rem 0;border-bottom:4px solid #0f766e}
.top img{height:2.5rem;width:auto;max-width:8rem;object-fit:contain}
.brand{font-size:1.125rem;font-weight:700}
.lang{margin-left:auto;display:flex;gap:.25rem;font-size:.875rem}
.lang button{font:inherit;border:0;background:none;color:#374151;padding:.25rem .5rem;border-radius:.25rem;cursor:pointer}
.lang button[aria-pressed=true]{background:#111827;color:#fff}
main{flex:1;padding:1.5rem 0}
.foot{border-top:1px solid #e5e7eb;padding:1rem 0;font-size:.875rem;color:#374151}
.step{font-size:.875rem;color:#374151;margin-bottom:.25rem}
.lead{color:#1f2937;margin-bottom:1.25rem}
.stack{display:flex;flex-direction:column;gap:1rem}
.row{display:flex;flex-direction:column;gap:.75rem}
@media(min-width:640px){.row{flex-direction:row}.row>*{flex:1}}
.btn{display:inline-flex;align-items:center;justify-content:center;border-radius:.375rem;padding:.75rem 1rem;font:inherit;font-weight:600;font-size:1.125rem;text-decoration:none;cursor:pointer;border:1px solid #0f766e;background:#0f766e;color:#fff}
.btn:hover{background:#115e59}
.btn2{background:#fff;color:#111827;border-color:#9ca3af}
.btn2:hover{background:#f9fafb}
.btn-danger{background:#fff;color:#991b1b;border-color:#b91c1c}
.btn-danger:hover{background:#fef2f2}
.full{width:100%}
.btn:focus-visible,.input:focus-visible,.lang button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #0f766e;outline-offset:2px}
.back{display:inline-block;margin-top:1.5rem}
.card{border:1px solid #e5e7eb;background:#fff;border-radius:.5rem;padding:1.25rem;margin-bottom:1.25rem}
.md>div{display:flex;flex-direction:column;gap:.75rem;line-height:1.625}
.md h2,.md h3,.md h4{font-size:1rem}
.md ul,.md ol{padding-left:1.25rem}
.small{font-size:.875rem;color:#374151}
.tiny{font-size:.75rem;color:#374151;word-break:break-all;margin-top:1rem}
.check{display:flex;align-items:flex-start;gap:.75rem}
.check input{margin-top:.25rem;width:1.25rem;height:1.25rem;flex-shrink:0;accent-color:#0f766e}
.field{display:flex;flex-direction:column;gap:.25rem}
.label{font-size:.875rem;font-weight:600}
.input{font:inherit;border:1px solid #6b7280;border-radius:.375rem;padding:.5rem .75rem;background:#fff;color:#111827}
.input[aria-invalid=true]{border-color:#b91c1c}
.hint{font-size:.875rem;color:#374151}
.error{font-size:.875rem;font-weight:500;color:#991b1b}
.ok,.bad{border-radius:.375rem;padding:.5rem .75rem;margin-bottom:1.25rem}
.ok{border:1px solid #15803d;background:#f0fdf4;color:#14532d}
.bad{border:1px solid #b91c1c;background:#fef2f2;color:#7f1d1d}
.status{font-size:1.125rem;font-weight:600}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
.plink{border:1px solid #d1d5db;background:#fff;border-radius:.25rem;padding:.5rem;font-size:.875rem}
.dl{display:grid;grid-template-columns:10rem 1fr;gap:.25rem}
.dl dt{font-weight:600}
.good{color:#166534}
.broken{color:#991b1b}
.links{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin-bottom:1.25rem}
.mb{margin-bottom:1.25rem}
.qr{display:none;margin-top:1rem}
@media(min-width:640px){.qr{display:block}}
`;

const hash = createHash('sha256').update(PUBLIC_CSS).digest('hex').slice(0, 12);

/** The stylesheet's URL: its name carries the content hash, so it may be cached for a year. */
export const PUBLIC_CSS_PATH = `/assets/consent.${hash}.css`;
export const PUBLIC_CSS_FILE = `consent.${hash}.css`;
