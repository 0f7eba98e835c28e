// Summarises a V8 .cpuprofile (node --cpu-prof): self time by package / file area and the top functions, plus the
// inclusive time of frames whose name matches BENCH_FRAMES (comma-separated). Used to say where a request's CPU goes.
//   [BENCH_SKIP_S=10] [BENCH_FRAMES=POST,submitDecision] npx tsx bench/cpu-profile-summary.ts <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [top]');
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(topArg ?? 25);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// BENCH_SKIP_S: leave out the first seconds of the profile (server start, module loading, warm-up).
const skipUs = Number(process.env.BENCH_SKIP_S ?? 0) * 1e6;
let clock = 0;
const kept = p.samples.map((_, i) => (clock += p.timeDeltas[i] ?? 0) >= skipUs);
p.samples = p.samples.filter((_, i) => kept[i]);
p.timeDeltas = p.timeDeltas.filter((_, i) => kept[i]);
const selfUs = new Map<number, number>();
p.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
const totalUs = p.timeDeltas.reduce((a, b) => a + b, 0);
const idleUs = [...selfUs].filter(([id]) => /\(idle\)/.test(byId.get(id)!.callFrame.functionName)).reduce((a, [, t]) => a + t, 0);

/** Where a frame's code lives: the npm package (next's compiled deps by their folder) or the app's own bundle. */
function area(url: string): string {
  if (!url) return '(native / V8)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)(?:\/dist\/compiled\/([^/]+))?/g);
  if (m) {
    const last = m[m.length - 1]!.replace(/^node_modules\//, '');
    return last.replace(/\/dist\/compiled\//, ' › ');
  }
  if (url.startsWith('node:')) return 'node core';
  if (url.includes('/.next')) return 'app bundle (.next)';
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const areas = new Map<string, number>();
const funcs = new Map<string, number>();
for (const [id, us] of selfUs) {
  const f = byId.get(id)!.callFrame;
  if (/\(idle\)/.test(f.functionName)) continue;
  add(areas, area(f.url), us);
  add(funcs, `${f.functionName || '(anonymous)'}  ${area(f.url)}:${f.lineNumber + 1}`, us);
}
const busy = totalUs - idleUs;
const pct = (us: number) => `${((100 * us) / busy).toFixed(1)}%`;
const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`;
console.log(`profile ${(totalUs / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (${((100 * busy) / totalUs).toFixed(0)}%)`);
console.log('\nself time by area:');
for (const [k, v] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v).padStart(6)} ${ms(v).padStart(9)}  ${k}`);
console.log('\ntop functions (self):');
for (const [k, v] of [...funcs].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v).padStart(6)} ${ms(v).padStart(9)}  ${k}`);

// Inclusive time of named frames (counted once per sample even when recursive).
const wanted = (process.env.BENCH_FRAMES ?? '').split(',').filter(Boolean);
if (wanted.length) {
  const incl = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const name = byId.get(n)!.callFrame.functionName;
      for (const w of wanted) if (name === w && !seen.has(w)) { seen.add(w); add(incl, w, p.timeDeltas[i] ?? 0); }
    }
  });
  console.log('\ninclusive time of frames:');
  for (const w of wanted) console.log(`  ${pct(incl.get(w) ?? 0).padStart(6)} ${ms(incl.get(w) ?? 0).padStart(9)}  ${w}`);
}
