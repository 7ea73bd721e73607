import type { Figures } from './figures.js';

/**
 * Horizontal stacked bars: on time, late and still open per group. Drawn in SVG with a text
 * alternative (the table beside it carries the same numbers), so no chart library is needed.
 */
export function OutcomeBars({ groups, title, labels, onSelect }: { groups: Figures[]; title: string; labels: { onTime: string; late: string; open: string }; onSelect?(key: string): void }) {
  const max = Math.max(1, ...groups.map((g) => g.total));
  const rowHeight = 30;
  const labelWidth = 220;
  const width = 720;
  const barWidth = width - labelWidth - 50;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${groups.length * rowHeight + 30}`} role="img" aria-label={title} width="100%">
        {groups.map((g, i) => {
          const y = i * rowHeight + 4;
          const onTime = (g.onTime / max) * barWidth;
          const late = (g.late / max) * barWidth;
          const open = ((g.total - g.onTime - g.late) / max) * barWidth;
          return (
            <g key={g.key} className={onSelect ? 'chart-row clickable' : 'chart-row'} onClick={() => onSelect?.(g.key)}>
              <text x={labelWidth - 8} y={y + 16} textAnchor="end" className="chart-label">
                {g.label.length > 32 ? `${g.label.slice(0, 31)}…` : g.label}
              </text>
              <rect x={labelWidth} y={y} width={onTime} height={20} className="bar-on-time" />
              <rect x={labelWidth + onTime} y={y} width={late} height={20} className="bar-late" />
              <rect x={labelWidth + onTime + late} y={y} width={open} height={20} className="bar-open" />
              <text x={labelWidth + onTime + late + open + 6} y={y + 15} className="chart-value">
                {g.total}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${labelWidth}, ${groups.length * rowHeight + 12})`} className="chart-legend">
          <rect width={12} height={12} className="bar-on-time" />
          <text x={16} y={11}>{labels.onTime}</text>
          <rect x={130} width={12} height={12} className="bar-late" />
          <text x={146} y={11}>{labels.late}</text>
          <rect x={260} width={12} height={12} className="bar-open" />
          <text x={276} y={11}>{labels.open}</text>
        </g>
      </svg>
    </figure>
  );
}

/** Columns per month: dossiers received, with the online ones shaded. */
export function MonthlyColumns({ months, title, labels }: { months: Figures[]; title: string; labels: { total: string; online: string } }) {
  const max = Math.max(1, ...months.map((m) => m.total));
  const height = 180;
  const column = 44;
  const width = Math.max(320, months.length * (column + 12) + 40);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 -16 ${width} ${height + 66}`} role="img" aria-label={title} width="100%" style={{ maxWidth: `${width}px` }}>
        {months.map((m, i) => {
          const x = 30 + i * (column + 12);
          const h = (m.total / max) * height;
          const o = (m.online / max) * height;
          return (
            <g key={m.key}>
              <rect x={x} y={height - h + 10} width={column} height={h} className="bar-open" />
              <rect x={x} y={height - o + 10} width={column} height={o} className="bar-online" />
              <text x={x + column / 2} y={height - h + 4} textAnchor="middle" className="chart-value">
                {m.total}
              </text>
              <text x={x + column / 2} y={height + 26} textAnchor="middle" className="chart-label">
                {m.label}
              </text>
            </g>
          );
        })}
        <g transform={`translate(30, ${height + 38})`} className="chart-legend">
          <rect width={12} height={12} className="bar-open" />
          <text x={16} y={11}>{labels.total}</text>
          <rect x={150} width={12} height={12} className="bar-online" />
          <text x={166} y={11}>{labels.online}</text>
        </g>
      </svg>
    </figure>
  );
}
