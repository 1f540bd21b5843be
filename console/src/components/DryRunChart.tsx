import { Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { TIME_CHART_PADDING, TIME_INCRS, timeTicks } from '../lib/chartTime';

/** When a rule would have fired over the dry run's period: firing and pending counts as steps (uPlot, lazy); times in the page's language. */
export default function DryRunChart({ t, firing, pending, labels }: {
  t: number[]; firing: number[]; pending: number[]; labels: { title: string; firing: string; pending: string };
}) {
  const { t: tr, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return undefined;
    const stepped = uPlot.paths.stepped?.({ align: 1 });
    const max = Math.max(1, ...firing, ...pending);
    const plot = new uPlot({
      width: Math.max(300, box.current.clientWidth), height: 160, padding: TIME_CHART_PADDING,
      scales: { y: { range: [0, max + 0.2] } },
      series: [{ label: tr('common.time') },
        { label: labels.firing, stroke: '#c92a2a', fill: 'rgba(201,42,42,0.15)', width: 2, paths: stepped },
        { label: labels.pending, stroke: '#e67700', width: 2, dash: [6, 4], paths: stepped }],
      legend: { live: false },
      axes: [{ values: timeTicks(i18n.language), incrs: TIME_INCRS, space: 60 }, { incrs: [1], values: (_u, v) => v.map((x) => String(Math.round(x))) }],
    }, [t, firing, pending], box.current);
    return () => plot.destroy();
  }, [t, firing, pending, labels.title, labels.firing, labels.pending, tr, i18n.language]);
  return (
    <div>
      <Text size="sm" fw={600} mt="xs">{labels.title}</Text>
      <div ref={box} role="img" aria-label={labels.title} data-testid="dry-run-chart" />
    </div>
  );
}
