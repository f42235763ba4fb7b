import { scaleBand, scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';

/**
 * Charts as SVG drawn on the server with d3's scales and path generators, so the pages keep a CSP
 * with no script at all. These functions only compute geometry; templates/console/chart.njk draws it,
 * escaping every label.
 */
const WIDTH = 720;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 20, bottom: 30, left: 76 };
/** Okabe–Ito: tells series apart for colour-blind readers too. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8C6D00'];

export interface LineChart {
  kind: 'line';
  id: string;
  title: string;
  summary: string;
  width: number;
  height: number;
  margin: typeof MARGIN;
  series: { name: string; color: string; path: string; last: string; dots: { x: number; y: number }[] }[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
}

export interface BarChart {
  kind: 'bar';
  id: string;
  title: string;
  summary: string;
  width: number;
  height: number;
  bars: { label: string; value: string; y: number; width: number; height: number }[];
  labelWidth: number;
}

export interface Series {
  name: string;
  points: { at: Date; value: number | null }[];
}

export function lineChart(id: string, title: string, series: Series[], options: { from: Date; to: Date; unit?: string }): LineChart {
  const x = scaleUtc().domain([options.from, options.to]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.value ?? 0)));
  const y = scaleLinear().domain([0, max]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<{ at: Date; value: number | null }>()
    .defined((p) => p.value !== null)
    .x((p) => x(p.at))
    .y((p) => y(p.value ?? 0));
  const unit = options.unit ? ` ${options.unit}` : '';
  const hours = (options.to.getTime() - options.from.getTime()) / 3_600_000;
  const tickFormat = (d: Date) => (hours > 48 ? d.toISOString().slice(5, 10) : `${d.toISOString().slice(11, 13)}:00`);
  return {
    kind: 'line',
    id,
    title,
    summary: `${title}: ${series.map((s) => `${s.name} peaks at ${Math.round(Math.max(0, ...s.points.map((p) => p.value ?? 0)))}${unit}`).join('; ') || 'no data'}`,
    width: WIDTH,
    height: HEIGHT,
    margin: MARGIN,
    series: series.map((s, i) => {
      const lastPoint = [...s.points].reverse().find((p) => p.value !== null);
      // A point with no neighbour draws no line: a dot marks every value (one reading in a window still shows).
      const dots = s.points.filter((p) => p.value !== null && p.value > 0).map((p) => ({ x: x(p.at), y: y(p.value ?? 0) }));
      return { name: s.name, color: PALETTE[i % PALETTE.length]!, path: path(s.points) ?? '', last: lastPoint ? `${Math.round(lastPoint.value!)}${unit}` : '—', dots };
    }),
    xTicks: x.ticks(6).map((d) => ({ x: x(d), label: tickFormat(d) })),
    // Counts and milliseconds are whole numbers: no 0.2-job ticks.
    yTicks: y.ticks(4).filter((v) => Number.isInteger(v)).map((v) => ({ y: y(v), label: `${v}${unit}` })),
  };
}

export function barChart(id: string, title: string, rows: { label: string; value: number; text: string }[]): BarChart {
  const labelWidth = 300;
  const height = Math.max(40, rows.length * 28 + 8);
  const band = scaleBand().domain(rows.map((_, i) => String(i))).range([4, height - 4]).padding(0.2);
  const x = scaleLinear().domain([0, Math.max(1, ...rows.map((r) => r.value))]).range([0, WIDTH - labelWidth - 90]);
  return {
    kind: 'bar',
    id,
    title,
    summary: `${title}: ${rows.map((r) => `${r.label} ${r.text}`).join('; ') || 'none'}`,
    width: WIDTH,
    height,
    labelWidth,
    bars: rows.map((r, i) => ({ label: r.label.length > 48 ? `${r.label.slice(0, 47)}…` : r.label, value: r.text, y: band(String(i)) ?? 0, width: Math.max(1, x(r.value)), height: band.bandwidth() })),
  };
}
