"use client";
// Per-day charts from the subgraph's DailyStat rows. Each chart is one named image for
// assistive technology, with the same numbers in a table below it.
import { useId } from "react";
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUnits } from "viem";
import type { DailyStat } from "./networkTypes";
import styles from "./network.module.css";

const SECONDS_PER_DAY = 86_400;

export type DayPoint = {
  day: number;
  label: string;
  jobs: number;
  tokens: number;
  fees: number;
  latency: number | null;
};

/** One point per UTC day from the first to the last indexed day; days without a row count zero. */
export function toDayPoints(rows: readonly DailyStat[]): DayPoint[] {
  if (rows.length === 0) return [];
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const days = rows.map((r) => r.day);
  const first = Math.min(...days);
  const last = Math.max(...days);
  const points: DayPoint[] = [];
  for (let day = first; day <= last; day++) {
    const r = byDay.get(day);
    points.push({
      day,
      label: new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10),
      jobs: r?.jobsPosted ?? 0,
      tokens: r ? Number(r.tokensServed) : 0,
      fees: r ? Number(formatUnits(BigInt(r.fees), 18)) : 0,
      latency: r && r.latencyCount > 0 ? Math.round(Number(r.meanLatency) * 10) / 10 : null,
    });
  }
  return points;
}

type Series = "jobs" | "tokens" | "fees" | "latency";

const formatValue = (series: Series, v: number | null): string => {
  if (v === null) return "no job delivered";
  if (series === "fees") return `${v.toLocaleString("en-US", { maximumFractionDigits: 6 })} GRID`;
  if (series === "latency") return `${v.toFixed(1)} s`;
  return v.toLocaleString("en-US");
};

function DailyChart(p: {
  title: string;
  series: Series;
  kind: "bar" | "line";
  points: readonly DayPoint[];
  valueLabel: string;
}) {
  const id = useId();
  const values = p.points.map((d) => d[p.series]);
  const known = values.filter((v): v is number => v !== null);
  const total = p.series === "latency" ? null : known.reduce((a, b) => a + b, 0);
  const summary =
    `${p.title}, ${p.kind === "bar" ? "bar" : "line"} chart over ${p.points.length} day${p.points.length === 1 ? "" : "s"}` +
    (known.length
      ? `: from ${formatValue(p.series, Math.min(...known))} to ${formatValue(p.series, Math.max(...known))} a day`
      : "") +
    (total !== null ? `, ${formatValue(p.series, total)} in all` : "") +
    ". The numbers are in the table below the chart.";
  const axis = { tick: { fontSize: 12 }, stroke: "#6b7280" };
  const tooltipFormatter = (v: unknown) => formatValue(p.series, typeof v === "number" ? v : null);
  return (
    <figure className={styles.chart} aria-labelledby={`${id}-title`} data-chart={p.series}>
      <figcaption id={`${id}-title`} className={styles.chartTitle}>
        {p.title}
      </figcaption>
      <div className={styles.chartBox} role="img" aria-label={summary}>
        {/* The drawing itself is hidden from assistive technology: the label and the table say it all. */}
        <div aria-hidden="true" className={styles.chartDrawing}>
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 200 }}>
            {p.kind === "bar" ? (
              <BarChart
                data={[...p.points]}
                accessibilityLayer={false}
                margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              >
                <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
                <XAxis dataKey="label" {...axis} />
                <YAxis {...axis} width={56} allowDecimals={p.series === "fees"} />
                <Tooltip formatter={tooltipFormatter} />
                <Bar dataKey={p.series} name={p.valueLabel} fill="#4f46e5" isAnimationActive={false} />
              </BarChart>
            ) : (
              <LineChart
                data={[...p.points]}
                accessibilityLayer={false}
                margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              >
                <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
                <XAxis dataKey="label" {...axis} />
                <YAxis {...axis} width={56} />
                <Tooltip formatter={tooltipFormatter} />
                <Line
                  dataKey={p.series}
                  name={p.valueLabel}
                  stroke="#4f46e5"
                  strokeWidth={2}
                  dot
                  connectNulls
                  isAnimationActive={false}
                />
              </LineChart>
            )}
          </ResponsiveContainer>
        </div>
      </div>
      <details className={styles.chartData}>
        <summary>Data table: {p.title.toLowerCase()}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                <th scope="col" className="num">
                  {p.valueLabel}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.points.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.label}</th>
                  <td className="num">{formatValue(p.series, d[p.series])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

export function DailyCharts({ rows }: { rows: readonly DailyStat[] }) {
  const points = toDayPoints(rows);
  if (points.length === 0)
    return <p className="state empty">No daily statistics yet: the charts start with the first job.</p>;
  return (
    <div className={styles.charts}>
      <DailyChart title="Jobs posted per day" series="jobs" kind="bar" points={points} valueLabel="Jobs posted" />
      <DailyChart title="Tokens served per day" series="tokens" kind="bar" points={points} valueLabel="Tokens served" />
      <DailyChart title="Fees paid per day" series="fees" kind="bar" points={points} valueLabel="Fees (GRID)" />
      <DailyChart
        title="Mean protocol latency per day"
        series="latency"
        kind="line"
        points={points}
        valueLabel="Mean latency (s)"
      />
    </div>
  );
}
