import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Block height over time (uPlot; loaded only with a chart). */
export default function HeightChart({ times, heights, label }: { times: number[]; heights: number[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    if (!box.current) return;
    plot.current = new uPlot({
      width: Math.max(300, box.current.clientWidth), height: 200,
      series: [{}, { label, stroke: '#1c7ed6', width: 2 }],
      axes: [{}, { label }],
    }, [times, heights], box.current);
    return () => { plot.current?.destroy(); plot.current = null; };
  }, [label]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { plot.current?.setData([times, heights]); }, [times, heights, times.length]);
  return <div ref={box} role="img" aria-label={label} />;
}
