import { Anchor, Badge, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useNode, useNodeHistory, useNodeStatus } from '../api/api';
import type { FabricDiscovery, NodeStatus } from '../api/responseTypes';
import { HistoryCharts } from '../components/HistoryCharts';
import { QueryState } from '../components/QueryState';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';
import { formatReading } from '../lib/format';

/** The node's state now: since when, its last error, how the collector talks to it and what it found it offers. */
function Status({ s }: { s: NodeStatus }) {
  const { t } = useTranslation();
  const version = s.latest?.info?.['client.version'];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} data-testid="node-status">
      <div>
        <Text size="xs" c="dimmed">{t('chain.state')}</Text>
        <Group gap="xs"><StatusBadge value={s.state.toUpperCase()} /><Text size="sm">{t('node.since')} <Time value={s.since} /></Text></Group>
      </div>
      <div>
        <Text size="xs" c="dimmed">{t('chain.lastError')}</Text>
        {s.lastError
          ? <Text size="sm" c={s.state !== 'up' ? 'red.9' : 'dimmed'}>{s.lastError.message} · <Time value={s.lastError.at} /></Text>
          : <Text size="sm">—</Text>}
      </div>
      <div>
        <Text size="xs" c="dimmed">{t('node.client')}</Text>
        <Text size="sm" data-testid="client-version">{version ?? '—'}</Text>
      </div>
      <div>
        <Text size="xs" c="dimmed">{t('node.rpcMode')}</Text>
        <Group gap={4}>
          <Text size="sm">{s.rpcMode ?? '—'}</Text>
          {s.capabilities.map((c) => <Badge key={c} variant="outline" color="dark" size="sm">{c}</Badge>)}
        </Group>
      </div>
    </SimpleGrid>
  );
}

/** The latest sample's readings by name, with what the node does not offer. */
function Readings({ s }: { s: NodeStatus }) {
  const { t, i18n } = useTranslation();
  if (!s.latest) return <Text size="sm" c="dimmed">{t('node.noSample')}</Text>;
  const rows = Object.entries(s.latest.readings).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">{t('node.polledAt')} <Time value={s.latest.polledAt} /> · {t(`node.outcome.${s.latest.outcome}`, { defaultValue: s.latest.outcome })}</Text>
      <Table striped data-testid="readings">
        <Table.Tbody>{rows.map(([name, value]) => (
          <Table.Tr key={name}><Table.Td><Text size="sm" ff="monospace">{name}</Text></Table.Td><Table.Td title={String(value)}>{formatReading(value, i18n.language)}</Table.Td></Table.Tr>
        ))}</Table.Tbody>
      </Table>
      {s.latest.unsupported.length > 0 && (
        <Text size="sm" c="dimmed" mt="xs">{t('node.unsupported')}: {s.latest.unsupported.join(', ')}</Text>
      )}
    </>
  );
}

/**
 * What the collector discovered of a Fabric peer: the channels it joined (those not monitored offered, with how to
 * monitor them) and each watched channel's peers, with the registered node of each (or none).
 */
function Discovery({ d }: { d: FabricDiscovery }) {
  const { t } = useTranslation();
  return (
    <Card withBorder mt="md" data-testid="fabric-discovery">
      <Title order={2} size="h4" mb="sm">{t('node.discovery')}</Title>
      {d.error && <Text size="sm" c="red.9" mb="xs">{d.error}</Text>}
      <Text size="sm">{t('node.joined')}: {d.joinedChannels.join(', ') || '—'}</Text>
      <Text size="sm">{t('node.monitored')}: {d.monitoredChannels.join(', ') || '—'}</Text>
      {d.discoveredNotMonitored.length > 0 && (
        <Text size="sm" fw={600} mt="xs" data-testid="not-monitored">
          {t('node.notMonitored', { channels: d.discoveredNotMonitored.join(', ') })}{' '}
          {d.autoMonitorChannels ? t('node.autoOn') : t('node.autoOff')}
        </Text>
      )}
      {d.peers.length > 0 && (
        <Table mt="sm" data-testid="discovered-peers">
          <Table.Thead><Table.Tr><Table.Th>{t('node.channel')}</Table.Th><Table.Th>{t('node.endpoint')}</Table.Th>
            <Table.Th>MSP</Table.Th><Table.Th>{t('chain.height')}</Table.Th><Table.Th>{t('node.registered')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>{d.peers.map((p) => (
            <Table.Tr key={`${p.channel}|${p.endpoint}`}>
              <Table.Td>{p.channel}</Table.Td><Table.Td><Text size="sm" ff="monospace">{p.endpoint}</Text></Table.Td>
              <Table.Td>{p.mspId ?? '—'}</Table.Td><Table.Td>{p.ledgerHeight ?? '—'}</Table.Td>
              <Table.Td>{p.nodeId ? <Anchor component={Link} to={`/nodes/${p.nodeId}`}>{t('common.yes')}</Anchor> : t('node.notRegistered')}</Table.Td>
            </Table.Tr>
          ))}</Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** One node: its state, what it reports now, and the last hour charted. */
export default function NodePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const node = useNode(id);
  const status = useNodeStatus(id);
  const history = useNodeHistory(id);
  return (
    <QueryState query={node}>
      {(n) => (
        <>
          <Title order={1} mb="xs">{n.name}</Title>
          <Text c="dimmed" mb="md">
            <Anchor component={Link} to={`/chains/${n.chainId}`}>{t('node.chain')}</Anchor> · <Text span ff="monospace">{n.rpcUrl}</Text> ·{' '}
            {t('node.every', { ms: n.pollIntervalMs })}
          </Text>
          <Card withBorder>
            <QueryState query={status} missing={t('chain.noStatus')}>{(s) => <Status s={s} />}</QueryState>
          </Card>
          <Card withBorder mt="md">
            <Title order={2} size="h4" mb="sm">{t('node.readings')}</Title>
            <QueryState query={status} missing={t('chain.noStatus')}>{(s) => <Readings s={s} />}</QueryState>
          </Card>
          {status.data?.fabricDiscovery && <Discovery d={status.data.fabricDiscovery} />}
          <HistoryCharts query={history} />
        </>
      )}
    </QueryState>
  );
}
