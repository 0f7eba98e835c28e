// Autovacuum for a bench database when the server has it switched off.
//
// The PostgreSQL server of the development machines runs with `autovacuum = off` (a server setting; a database or a
// table cannot switch it back on). A production server runs it (PostgreSQL's default). Without it nothing ever
// refreshes the planner statistics or removes dead rows: the bench database is seeded with a few events per tenant,
// then one tenant grows to thousands within a minute, and plans made for "3 rows per tenant" (a seq UPDATE hash-joining
// the tenant's whole event range, an idempotency lookup through the time index) plus index ranges full of dead queue
// rows make that tenant's requests cost more the longer the bench runs (seen: PostgreSQL CPU per request 2.4 → 7.5 ms
// over five runs of one tenant, 1.4 ms for 50 tenants mixed; after one VACUUM ANALYZE 1.4 ms).
//
// So the bench does what the server's autovacuum launcher would do, with the server's own settings: every
// autovacuum_naptime it looks at each table of the database and runs VACUUM (dead rows or inserts over their
// thresholds) and ANALYZE (changes over its threshold), one table at a time, as one autovacuum worker does.
// When the server runs autovacuum itself this does nothing.
import postgres from 'postgres';

/** One table vacuumed and/or analyzed: when (performance.now() at its start, ms), how long it took (ms). */
export type AutovacuumRun = { at: number; ms: number; rel: string; what: 'vacuum' | 'analyze' | 'vacuum analyze' };

export type AutovacuumStandIn = {
  active: boolean;
  /** Every run so far (to tell whether one fell into a measured window). */
  runs: AutovacuumRun[];
  stop(): Promise<{ active: boolean; vacuums: number; analyzes: number; naptimeS: number }>;
};

type Settings = { naptime: number; costDelay: string; costLimit: string; vacThreshold: number; vacScale: number; anaThreshold: number; anaScale: number; insThreshold: number; insScale: number };

export async function startAutovacuumStandIn(url: string, say: (s: string) => void = () => {}): Promise<AutovacuumStandIn> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const rows = await sql<{ name: string; setting: string }[]>`
    select name, setting from pg_settings where name like 'autovacuum%'`;
  const s = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  if (s.autovacuum === 'on') {
    await sql.end({ timeout: 5 });
    return { active: false, runs: [], stop: async () => ({ active: false, vacuums: 0, analyzes: 0, naptimeS: 0 }) };
  }
  const set: Settings = {
    naptime: Number(s.autovacuum_naptime),
    // An autovacuum worker sleeps autovacuum_vacuum_cost_delay (2 ms) whenever its page cost reaches the limit
    // (autovacuum_vacuum_cost_limit, -1: vacuum_cost_limit, 200); a VACUUM sent as SQL does not (vacuum_cost_delay 0).
    costDelay: s.autovacuum_vacuum_cost_delay ?? '2',
    costLimit: s.autovacuum_vacuum_cost_limit && s.autovacuum_vacuum_cost_limit !== '-1' ? s.autovacuum_vacuum_cost_limit : '',
    vacThreshold: Number(s.autovacuum_vacuum_threshold),
    vacScale: Number(s.autovacuum_vacuum_scale_factor),
    anaThreshold: Number(s.autovacuum_analyze_threshold),
    anaScale: Number(s.autovacuum_analyze_scale_factor),
    insThreshold: Number(s.autovacuum_vacuum_insert_threshold ?? 1000),
    insScale: Number(s.autovacuum_vacuum_insert_scale_factor ?? 0.2),
  };
  // The worker's pace, as its cost-based delay: unthrottled, the stand-in took more of the machine than autovacuum does.
  await sql.unsafe(`set vacuum_cost_delay = '${Number(set.costDelay)}ms'`);
  if (set.costLimit) await sql.unsafe(`set vacuum_cost_limit = ${Number(set.costLimit)}`);
  say(`the server runs with autovacuum off: the bench runs it for its database (naptime ${set.naptime} s, the server's thresholds, cost delay ${set.costDelay} ms)`);
  const runs: AutovacuumRun[] = [];
  let vacuums = 0;
  let analyzes = 0;
  let stopped = false;
  let wake: () => void = () => {};
  const loop = (async () => {
    while (!stopped) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, set.naptime * 1000);
        wake = () => (clearTimeout(t), r());
      });
      if (stopped) break;
      const tables = await sql<{ rel: string; reltuples: number; dead: number; mod: number; ins: number }[]>`
        select format('%I.%I', s.schemaname, s.relname) as rel, greatest(c.reltuples, 0)::float8 as reltuples,
               s.n_dead_tup::float8 as dead, s.n_mod_since_analyze::float8 as mod, s.n_ins_since_vacuum::float8 as ins
        from pg_stat_user_tables s join pg_class c on c.oid = s.relid`;
      for (const t of tables) {
        if (stopped) break;
        const vacuum = t.dead > set.vacThreshold + set.vacScale * t.reltuples || t.ins > set.insThreshold + set.insScale * t.reltuples;
        const analyze = t.mod > set.anaThreshold + set.anaScale * t.reltuples;
        if (!vacuum && !analyze) continue;
        const at = performance.now();
        await sql.unsafe(`${vacuum ? 'vacuum' : ''}${vacuum && analyze ? ' (analyze)' : ''}${!vacuum ? 'analyze' : ''} ${t.rel}`);
        runs.push({ at, ms: performance.now() - at, rel: t.rel, what: vacuum && analyze ? 'vacuum analyze' : vacuum ? 'vacuum' : 'analyze' });
        if (vacuum) vacuums++;
        if (analyze) analyzes++;
      }
    }
  })();
  return {
    active: true,
    runs,
    stop: async () => {
      stopped = true;
      wake();
      await loop.catch((err: unknown) => say(`autovacuum stand-in: ${String(err).slice(0, 200)}`));
      await sql.end({ timeout: 5 });
      return { active: true, vacuums, analyzes, naptimeS: set.naptime };
    },
  };
}
