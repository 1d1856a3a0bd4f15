import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DayCountDto } from './investigation/investigation.dto';

const PALETTE = ['#1677ff', '#fa8c16', '#52c41a', '#eb2f96', '#722ed1', '#13c2c2', '#faad14', '#f5222d', '#2f54eb'];

export interface DailySeries {
  /** Stable key of the series (type, queue id, analyst id). */
  key: string;
  name: string;
  perDay: DayCountDto[];
}

/** Rows for a recharts chart: one per day, one column per series (`s0`, `s1`, … so that names never clash). */
export function pivotByDay(days: readonly string[], series: readonly DailySeries[]): Record<string, string | number>[] {
  return days.map((day) => {
    const row: Record<string, string | number> = { day: day.slice(5) };
    series.forEach((s, i) => {
      row[`s${String(i)}`] = s.perDay.find((d) => d.day === day)?.count ?? 0;
    });
    return row;
  });
}

/** Stacked bars per day, one colour per series. */
export function StackedDailyBars({
  days,
  series,
  height = 240,
}: {
  days: readonly string[];
  series: readonly DailySeries[];
  height?: number;
}) {
  const data = pivotByDay(days, series);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" fontSize={10} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={`s${String(i)}`}
            name={s.name}
            stackId="a"
            fill={PALETTE[i % PALETTE.length]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Plain bars for a few labelled values (one or more measures). */
export function LabelledBars({
  data,
  measures,
  height = 220,
  unit,
}: {
  data: Record<string, string | number | null>[];
  measures: { key: string; name: string }[];
  height?: number;
  unit?: string;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" fontSize={11} />
        <YAxis unit={unit} />
        <Tooltip />
        {measures.length > 1 && <Legend />}
        {measures.map((m, i) => (
          <Bar key={m.key} dataKey={m.key} name={m.name} fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
