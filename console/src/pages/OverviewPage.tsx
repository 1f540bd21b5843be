import { Anchor, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useChainStatus, useChains, useCurrentAlerts, useTasks } from '../api/api';
import type { Chain } from '../api/responseTypes';
import { QueryState } from '../components/QueryState';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';

function ChainHealth({ chain }: { chain: Chain }) {
  const { t } = useTranslation();
  const status = useChainStatus(chain.id);
  if (status.isError || !status.data) return <Text size="sm" c="dimmed">{status.isPending ? '…' : t('overview.noStatus')}</Text>;
  const s = status.data;
  return (
    <Group gap="xs">
      <StatusBadge value={s.stalled ? 'STALLED' : s.state ?? 'UP'} />
      <Text size="sm">{t('overview.nodesUp', { up: s.up ?? 0, erroring: s.erroring ?? 0, unreachable: s.unreachable ?? 0 })}</Text>
    </Group>
  );
}

export default function OverviewPage() {
  const { t } = useTranslation();
  const chains = useChains();
  const alerts = useCurrentAlerts();
  const tasks = useTasks();
  return (
    <>
      <Title order={1} mb="md">{t('nav.overview')}</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">{t('overview.chains')}</Title>
          <QueryState query={chains} empty={{ when: (d) => d.length === 0, title: t('chains.emptyTitle'), next: t('chains.emptyNext') }}>
            {(list) => (
              <Table>
                <Table.Thead><Table.Tr><Table.Th>{t('common.name')}</Table.Th><Table.Th>{t('chains.platform')}</Table.Th><Table.Th>{t('overview.health')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {list.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td><Anchor component={Link} to={`/chains/${c.id}`}>{c.name}</Anchor></Table.Td>
                      <Table.Td>{c.platform}</Table.Td>
                      <Table.Td><ChainHealth chain={c} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryState>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">{t('overview.firing')}</Title>
          <QueryState query={alerts} empty={{ when: (d) => d.length === 0, title: t('alerts.noneFiring'), next: t('alerts.noneFiringNext') }}>
            {(list) => (
              <Table data-testid="overview-alerts">
                <Table.Tbody>
                  {list.map((a) => (
                    <Table.Tr key={a.fingerprint}>
                      <Table.Td><StatusBadge value={a.status} /></Table.Td>
                      <Table.Td><Anchor component={Link} to={`/alerts?focus=${encodeURIComponent(a.fingerprint)}`}>{a.summary}</Anchor></Table.Td>
                      <Table.Td><Time value={a.startedAt} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryState>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">{t('overview.tasks')}</Title>
          <QueryState query={tasks} empty={{ when: (d) => d.length === 0, title: t('tasks.emptyTitle'), next: t('tasks.emptyNext') }}>
            {(list) => (
              <Table>
                <Table.Tbody>
                  {list.slice(0, 8).map((task) => (
                    <Table.Tr key={task.id}>
                      <Table.Td><Anchor component={Link} to={`/tasks/${task.id}`}>{task.type}</Anchor></Table.Td>
                      <Table.Td><StatusBadge value={task.status} /></Table.Td>
                      <Table.Td><Time value={task.updatedAt} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryState>
        </Card>
      </SimpleGrid>
    </>
  );
}
