import { act, screen, waitFor } from '@testing-library/react';
import i18n from 'i18next';
import { Route, Routes } from 'react-router-dom';
import { Problem, renderAs } from '../test-utils';
import NodePage from './NodePage';

// uPlot draws on a canvas jsdom does not have: a chart is replaced by its data (the browser test draws it)
vi.mock('../components/SeriesChart', () => ({
  default: ({ data }: { data: { series: { label: string; values: (number | null)[] }[] } }) =>
    <div data-testid="series-chart">{data.series.map((x) => `${x.label}:${x.values.join(',')}`).join(' ')}</div>,
}));

const node = { id: 'n1', chainId: 'c1', orgId: 'org-1', name: 'geth-1', rpcUrl: 'http://127.0.0.1:8545', pollIntervalMs: 1000,
  createdAt: '2026-12-04T07:00:00Z', version: 2 };
const status = {
  nodeId: 'n1', chainId: 'c1', name: 'geth-1', state: 'erroring', since: '2026-12-04T07:05:00Z',
  lastError: { message: 'JSON-RPC error -32000: database corrupted', at: '2026-12-04T07:06:00Z' },
  latest: { polledAt: '2026-12-04T07:06:00Z', outcome: 'ERRORING', readings: { 'peer.count': 5, 'block.height': 120,
    'block.interval.seconds': 1.1666666666666667, tps: 0.017857142857142856, 'chain.id': 31337 },
    info: { 'client.version': 'Geth/v1.14.0' }, unsupported: ['base.fee.wei'] },
  capabilities: ['batch', 'txpool_status'], rpcMode: 'batch',
};
const page = (routes: Record<string, unknown>) =>
  renderAs('viewer', <Routes><Route path="/nodes/:id" element={<NodePage />} /></Routes>, routes, '/nodes/n1');

test('a node\'s page: its state and last error, client, RPC mode and capabilities, latest readings, the last hour', async () => {
  page({
    '/api/v1/nodes/n1/status': status, '/api/v1/nodes/n1/history': { nodeId: 'n1', name: 'geth-1', points: [
      { at: '2026-12-04T07:05:00Z', height: 119, blockIntervalSeconds: 12, tps: 1, peers: 5 },
      { at: '2026-12-04T07:05:10Z', height: null, blockIntervalSeconds: null, tps: null, peers: null }] },
    '/api/v1/nodes/n1': node,
  });
  expect(await screen.findByRole('heading', { name: 'geth-1' })).toBeInTheDocument();
  expect(await screen.findByText(/database corrupted/)).toBeInTheDocument();
  expect(screen.getByText('Erroring')).toBeInTheDocument();
  expect(screen.getByTestId('client-version')).toHaveTextContent('Geth/v1.14.0');
  expect(screen.getByText('txpool_status')).toBeInTheDocument();
  expect(screen.getByTestId('readings')).toHaveTextContent('block.height120');
  // fractions rounded for reading, the exact value on hover; whole numbers as they are
  expect(screen.getByTestId('readings')).toHaveTextContent('block.interval.seconds1.167');
  expect(screen.getByText('0.0179')).toHaveAttribute('title', '0.017857142857142856');
  expect(screen.getByTestId('readings')).toHaveTextContent('chain.id31337');
  expect(screen.getByText(/Not offered by this node: base.fee.wei/)).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Its chain' })).toHaveAttribute('href', '/chains/c1');
  await waitFor(() => expect(screen.getByTestId('chart-height')).toHaveTextContent('geth-1:119,'));
});

test('the poll\'s outcome is named in the page\'s language: the API\'s name in English, words in Chinese', async () => {
  page({ '/api/v1/nodes/n1/status': status, '/api/v1/nodes/n1': node });
  expect(await screen.findByText(/ · ERRORING$/)).toBeInTheDocument();
  await act(() => i18n.changeLanguage('zh'));
  try {
    expect(await screen.findByText(/ · 返回错误$/)).toBeInTheDocument();
  } finally {
    await act(() => i18n.changeLanguage('en'));
  }
});

test('a node of another organization (404) gets the not-found state, not a blank page', async () => {
  page({ '/api/v1/nodes/n1': new Problem(404, { status: 404, title: 'Not Found', detail: 'node n1 not found' }) });
  expect(await screen.findByRole('alert')).toHaveTextContent('node n1 not found');
  expect(screen.queryByTestId('node-status')).toBeNull();
});

test('a Fabric peer\'s page offers the channels it joined but that are not monitored, and lists the channel\'s peers', async () => {
  page({
    '/api/v1/nodes/n1/status': { ...status, state: 'up', lastError: null, fabricDiscovery: {
      joinedChannels: ['mychannel', 'other'], monitoredChannels: ['mychannel'], discoveredNotMonitored: ['other'],
      autoMonitorChannels: false, error: null, peers: [
        { channel: 'mychannel', endpoint: 'peer0.org1.example.com:7051', mspId: 'Org1MSP', ledgerHeight: 10, nodeId: 'n1' },
        { channel: 'mychannel', endpoint: 'peer1.org2.example.com:9051', mspId: 'Org2MSP', ledgerHeight: 10, nodeId: null }] } },
    '/api/v1/nodes/n1': node,
  });
  const discovery = await screen.findByTestId('fabric-discovery');
  expect(discovery).toHaveTextContent('Channels joined: mychannel, other');
  expect(screen.getByTestId('not-monitored')).toHaveTextContent('Joined but not monitored: other.');
  expect(screen.getByTestId('not-monitored')).toHaveTextContent('fabric.autoMonitorChannels');
  expect(screen.getByTestId('discovered-peers')).toHaveTextContent('peer1.org2.example.com:9051');
  expect(screen.getByTestId('discovered-peers')).toHaveTextContent('not registered');
});
