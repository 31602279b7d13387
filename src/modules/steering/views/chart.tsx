import { MASKED, type Shown } from '../mask.js';

/** One line per series; a masked point is left out (a gap), never drawn at its value. */
export interface Series {
  name: string;
  values: Shown[];
}

const COLOURS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2'];
const W = 600;
const H = 220;
const PAD = { left: 40, right: 10, top: 10, bottom: 30 };

/** A line chart drawn on the server: readable without JavaScript; the numbers are in the table beside it. */
export function LineChart({ labels, series, title }: { labels: string[]; series: Series[]; title: string }) {
  const max = Math.max(5, ...series.flatMap((s) => s.values.filter((v): v is number => v !== MASKED)));
  const x = (i: number) => PAD.left + (labels.length <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (labels.length - 1));
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const segments = (values: Shown[]) => {
    const out: string[][] = [];
    let current: string[] = [];
    values.forEach((v, i) => {
      if (v === MASKED) {
        if (current.length) out.push(current);
        current = [];
      } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    if (current.length) out.push(current);
    return out;
  };
  return (
    <figure class="steering-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} width="100%" preserveAspectRatio="xMidYMid meet">
        <line x1={PAD.left} y1={y(0)} x2={W - PAD.right} y2={y(0)} stroke="#555" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={y(0)} stroke="#555" />
        <text x={PAD.left - 4} y={y(max) + 4} text-anchor="end" font-size="11">
          {max}
        </text>
        <text x={PAD.left - 4} y={y(0)} text-anchor="end" font-size="11">
          0
        </text>
        {labels.map((l, i) =>
          i % 2 === labels.length % 2 ? null : (
            <text x={x(i)} y={H - 10} text-anchor="middle" font-size="11">
              {l.slice(2)}
            </text>
          ),
        )}
        {series.map((s, k) =>
          segments(s.values).map((points) =>
            points.length === 1 ? (
              <circle cx={points[0]!.split(',')[0]} cy={points[0]!.split(',')[1]} r="3" fill={COLOURS[k % COLOURS.length]} />
            ) : (
              <polyline
                points={points.join(' ')}
                fill="none"
                stroke={COLOURS[k % COLOURS.length]}
                stroke-width="2.5"
                stroke-dasharray={DASHES[k % DASHES.length]}
              />
            ),
          ),
        )}
      </svg>
      <figcaption>
        <ul class="steering-legend">
          {series.map((s, k) => (
            <li>
              <svg width="28" height="10" aria-hidden="true">
                <line x1="0" y1="5" x2="28" y2="5" stroke={COLOURS[k % COLOURS.length]} stroke-width="2.5" stroke-dasharray={DASHES[k % DASHES.length]} />
              </svg>{' '}
              {s.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
