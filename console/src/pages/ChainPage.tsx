import { Anchor, Button, Card, Group, NumberInput, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useChain, useChainHistory, useChainStatus, useCreateNode, useNodes } from '../api/api';
import type { ChainNodeStatus, Node } from '../api/responseTypes';
import { consoleConfig } from '../auth/session';
import { Can } from '../auth/PersonContext';
import { ChainAvailability } from '../components/ChainAvailability';
import { ErrorState, QueryState } from '../components/QueryState';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';
import { HistoryCharts } from '../components/HistoryCharts';

/** The node's last error: red while the node is not up, dimmed (with its time) once it has recovered. */
function LastError({ status }: { status?: ChainNodeStatus }) {
  if (!status?.lastError) return <Text size="sm">—</Text>;
  const current = status.state !== 'up';
  return (
    <Text size="sm" c={current ? 'red.9' : 'dimmed'} data-testid="last-error">
      {status.lastError}
      {status.lastErrorAt && <> · <Time value={status.lastErrorAt} /></>}
    </Text>
  );
}

function NodeRow({ node, status, statusError }: { node: Node; status?: ChainNodeStatus; statusError: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid={`node-${node.name}`}>
      <Table.Td><Anchor component={Link} to={`/nodes/${node.id}`}>{node.name}</Anchor></Table.Td>
      <Table.Td><Text size="sm" ff="monospace">{node.rpcUrl}</Text></Table.Td>
      {statusError ? (
        <Table.Td colSpan={4}><Text size="sm" c="dimmed">{t('chain.noStatus')}</Text></Table.Td>
      ) : (
        <>
          <Table.Td><StatusBadge value={status ? status.state.toUpperCase() : null} /></Table.Td>
          <Table.Td data-testid="height">{status?.height ?? '—'}</Table.Td>
          <Table.Td>{status?.lagBlocks ?? '—'}</Table.Td>
          <Table.Td><LastError status={status} /></Table.Td>
        </>
      )}
    </Table.Tr>
  );
}

function NewNode({ chainId }: { chainId: string }) {
  const { t } = useTranslation();
  const create = useCreateNode();
  const [name, setName] = useState('');
  const [rpcUrl, setRpcUrl] = useState('');
  const [interval, setInterval] = useState<number | string>(1000);
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      create.mutate({ chainId, name, rpcUrl, pollIntervalMs: Number(interval) }, { onSuccess: () => { setName(''); setRpcUrl(''); } });
    }}>
      <Group align="end" mt="md">
        <TextInput label={t('common.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <TextInput label={t('chain.rpcUrl')} value={rpcUrl} onChange={(e) => setRpcUrl(e.currentTarget.value)} required w={320} />
        <NumberInput label={t('chain.pollInterval')} value={interval} onChange={setInterval} min={100} />
        <Button type="submit" loading={create.isPending}>{t('chain.addNode')}</Button>
      </Group>
      {create.isError && <ErrorState error={create.error} />}
    </form>
  );
}

export default function ChainPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const chain = useChain(id);
  const nodes = useNodes(id);
  const status = useChainStatus(id);
  const history = useChainHistory(id);
  const byNode = new Map((status.data?.nodes ?? []).map((n) => [n.nodeId, n]));
  const grafana = consoleConfig()?.grafanaUrl;
  return (
    <QueryState query={chain}>
      {(c) => (
        <>
          <Group justify="space-between" mb="md">
            <Title order={1}>{c.name}</Title>
            {grafana && (
              <Anchor href={`${grafana}/d/chainwatch-node?var-chain=${encodeURIComponent(c.name)}`} target="_blank" rel="noreferrer">
                {t('chain.grafana')}
              </Anchor>
            )}
          </Group>
          <Text c="dimmed" mb="md">{c.platform} · {t('common.created')} <Time value={c.createdAt} /></Text>
          <Card withBorder>
            <Title order={2} size="h4">{t('chain.nodes')}</Title>
            <QueryState query={nodes} empty={{ when: (d) => d.length === 0, title: t('chain.noNodes'), next: t('chain.noNodesNext') }}>
              {(list) => (
                <>
                  <Table>
                    <Table.Thead><Table.Tr>
                      <Table.Th>{t('common.name')}</Table.Th><Table.Th>{t('chain.rpcUrl')}</Table.Th><Table.Th>{t('chain.state')}</Table.Th>
                      <Table.Th>{t('chain.height')}</Table.Th><Table.Th>{t('chain.lag')}</Table.Th><Table.Th>{t('chain.lastError')}</Table.Th>
                    </Table.Tr></Table.Thead>
                    <Table.Tbody>{list.map((n) => <NodeRow key={n.id} node={n} status={byNode.get(n.id)} statusError={status.isError} />)}</Table.Tbody>
                  </Table>
                </>
              )}
            </QueryState>
            <Can role="operator"><NewNode chainId={c.id} /></Can>
          </Card>
          <HistoryCharts query={history} />
          <ChainAvailability chainId={c.id} version={c.version} objective={c.availabilityObjective} />
        </>
      )}
    </QueryState>
  );
}
