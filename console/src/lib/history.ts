import type { ChainHistory, HistoryPoint } from '../api/responseTypes';

/** The readings the chain page charts, as named in GET /chains/{id}/history's points. */
export const CHARTED = ['height', 'blockIntervalSeconds', 'tps', 'peers'] as const;
export type Charted = (typeof CHARTED)[number];

/** One chart's data as uPlot takes it: shared times (s) and, per node, its values (null where it has no point). */
export interface ChartData { t: number[]; series: { label: string; values: (number | null)[] }[] }

/**
 * The chain's history as one chart of {@code reading}: the union of every node's bucket times, each node's values
 * aligned to them; a node with no value of this reading at all is left out; null when no node has one.
 */
export function chartData(history: ChainHistory, reading: Charted): ChartData | null {
  const withValues = history.nodes.filter((n) => n.points.some((p) => p[reading] != null));
  if (withValues.length === 0) return null;
  const times = [...new Set(withValues.flatMap((n) => n.points.map((p) => Date.parse(p.at) / 1000)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const series = withValues.map((n) => {
    const values: (number | null)[] = times.map(() => null);
    n.points.forEach((p: HistoryPoint) => { values[index.get(Date.parse(p.at) / 1000) as number] = p[reading] ?? null; });
    return { label: n.name, values };
  });
  return { t: times, series };
}
