import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { TIME_CHART_PADDING, TIME_INCRS, timeTicks, timeValue } from '../lib/chartTime';
import type { ChartData } from '../lib/history';

const COLORS = ['#1c7ed6', '#e8590c', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#c2255c', '#5c940d'];

/**
 * One reading of several nodes over time, a line per node, gaps where a node had no value (uPlot; lazy-loaded). Times
 * on the axis and in the legend in the page's language.
 */
export default function SeriesChart({ data, title }: { data: ChartData; title: string }) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const labels = data.series.map((s) => s.label).join('\n');
  useEffect(() => {
    if (!box.current) return;
    plot.current = new uPlot({
      width: Math.max(280, box.current.clientWidth), height: 180, padding: TIME_CHART_PADDING,
      series: [{ label: t('common.time'), value: timeValue(i18n.language) }, ...data.series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false }))],
      axes: [{ values: timeTicks(i18n.language), incrs: TIME_INCRS, space: 60 }, { size: 60 }],
    }, [data.t, ...data.series.map((s) => s.values)] as uPlot.AlignedData, box.current);
    return () => { plot.current?.destroy(); plot.current = null; };
  }, [labels, i18n.language]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    plot.current?.setData([data.t, ...data.series.map((s) => s.values)] as uPlot.AlignedData);
  }, [data]);
  return <div ref={box} role="img" aria-label={title} data-testid="series-chart" />;
}
