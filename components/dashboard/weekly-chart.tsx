import type { WeekCount } from '@/lib/ledger/stats';

/**
 * Opt-ins, refusals and withdrawals per week as grouped bars: plain SVG rendered on the server (no chart library,
 * no client JavaScript). The same numbers are in a visually hidden table for screen readers.
 */
export function WeeklyChart({ data, labels }: { data: WeekCount[]; labels: { optIn: string; optOut: string; withdrawn: string; week: string; caption: string } }) {
  const max = Math.max(1, ...data.flatMap((d) => [d.optIn, d.optOut, d.withdrawn]));
  const w = 640;
  const h = 180;
  const group = w / data.length;
  const bar = Math.max(2, (group - 8) / 3);
  const series = [
    { key: 'optIn' as const, color: '#15803d', label: labels.optIn },
    { key: 'optOut' as const, color: '#b45309', label: labels.optOut },
    { key: 'withdrawn' as const, color: '#b91c1c', label: labels.withdrawn },
  ];
  return (
    <figure>
      <svg viewBox={`0 0 ${w} ${h + 20}`} className="h-auto w-full" role="img" aria-label={labels.caption}>
        {data.map((d, i) =>
          series.map((s, j) => {
            const v = d[s.key];
            const bh = (v / max) * h;
            return <rect key={`${d.week}-${s.key}`} x={i * group + 4 + j * bar} y={h - bh} width={bar - 1} height={bh} fill={s.color} />;
          }),
        )}
        {data.map((d, i) => (
          <text key={d.week} x={i * group + group / 2} y={h + 14} fontSize="10" textAnchor="middle" fill="#374151">
            {d.week.slice(5)}
          </text>
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-sm">
        {series.map((s) => (
          <span key={s.key} className="flex items-center gap-1">
            <span className="inline-block h-3 w-3" style={{ background: s.color }} aria-hidden /> {s.label}
          </span>
        ))}
      </figcaption>
      <table className="sr-only">
        <caption>{labels.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.week}</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.week}>
              <th scope="row">{d.week}</th>
              <td>{d.optIn}</td>
              <td>{d.optOut}</td>
              <td>{d.withdrawn}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
