import { Card, SimpleGrid, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainHistory } from '../api/responseTypes';
import { chartData, CHARTED, type Charted } from '../lib/history';

const SeriesChart = lazy(() => import('./SeriesChart'));

const TITLES: Record<Charted, string> = {
  height: 'chain.chartHeight', blockIntervalSeconds: 'chain.chartInterval', tps: 'chain.chartTps', peers: 'chain.chartPeers',
};

/**
 * Height, block interval, TPS and peers over the last hour from the registry's node history, a line per node: a
 * chain's nodes, or one node's (its history as a chain of one). Says so when the server has no history API.
 */
export function HistoryCharts({ query }: { query: UseQueryResult<ChainHistory> }) {
  const { t } = useTranslation();
  if (query.isError) return <Text size="sm" c="dimmed" mt="md">{t('chain.noHistory')}</Text>;
  if (!query.data) return null;
  const history = query.data;
  const charts = CHARTED.map((reading) => ({ reading, data: chartData(history, reading) }));
  if (charts.every((c) => c.data === null)) {
    return <Text size="sm" c="dimmed" mt="md" data-testid="history-empty">{t('chain.historyEmpty')}</Text>;
  }
  return (
    <Card withBorder mt="md" data-testid="history">
      <Title order={2} size="h4" mb="sm">{t('chain.lastHour')}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {charts.map(({ reading, data }) => (
          <div key={reading} data-testid={`chart-${reading}`}>
            <Text size="sm" fw={600}>{t(TITLES[reading])}</Text>
            {data ? <Suspense fallback={null}><SeriesChart data={data} title={t(TITLES[reading])} /></Suspense>
              : <Text size="sm" c="dimmed">{t('chain.notReported')}</Text>}
          </div>
        ))}
      </SimpleGrid>
    </Card>
  );
}
