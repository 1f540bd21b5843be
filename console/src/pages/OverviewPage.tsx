import { Anchor, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useChainStatus, useChains, useCurrentAlerts, useTasks } from '../api/api';
import type { Chain } from '../api/responseTypes';
import { QueryState } from '../components/QueryState';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';
import { taskKindName } from '../lib/taskNames';

/** A chain's health: its nodes by state (the status API) and "stalled" while a chain_stalled alert fires on it. */
function ChainHealth({ chain, stalled }: { chain: Chain; stalled: boolean }) {
  const { t } = useTranslation();
  const status = useChainStatus(chain.id);
  if (status.isError || !status.data) return <Text size="sm" c="dimmed">{status.isPending ? '…' : t('overview.noStatus')}</Text>;
  const count = (state: string) => status.data.nodes.filter((n) => n.state === state).length;
  const up = count('up');
  const erroring = count('erroring');
  const unreachable = count('unreachable');
  const worst = stalled ? 'STALLED' : unreachable > 0 ? 'UNREACHABLE' : erroring > 0 ? 'ERRORING' : up > 0 ? 'UP' : 'NO_DATA';
  return (
    <Group gap="xs">
      <StatusBadge value={worst} />
      <Text size="sm">{t('overview.nodesUp', { up, erroring, unreachable })}</Text>
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
                      <Table.Td><ChainHealth chain={c} stalled={(alerts.data ?? []).some((a) => a.chainId === c.id && a.type === 'chain_stalled')} /></Table.Td>
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
                      <Table.Td><Anchor component={Link} to={`/tasks/${task.id}`} title={task.type}>{taskKindName(t, task.type)}</Anchor></Table.Td>
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
