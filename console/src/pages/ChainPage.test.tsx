import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { renderAs } from '../test-utils';
import ChainPage from './ChainPage';

const chain = { id: 'c1', orgId: 'org-1', name: 'anvil-dev', platform: 'ETHEREUM', createdAt: '2026-12-04T07:00:00Z', version: 0 };
const node = { id: 'n1', chainId: 'c1', orgId: 'org-1', name: 'anvil-1', rpcUrl: 'http://127.0.0.1:8545', pollIntervalMs: 1000, createdAt: '2026-12-04T07:00:00Z', version: 0 };

test('without the node status API the page says so instead of showing made-up state', async () => {
  renderAs('viewer', <Routes><Route path="/chains/:id" element={<ChainPage />} /></Routes>,
    { '/api/v1/chains/c1': chain, '/api/v1/nodes?chainId=c1': [node] }, '/chains/c1');
  expect(await screen.findByText('anvil-1')).toBeInTheDocument();
  expect(await screen.findByText(/Live state is not available on this server yet/)).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Add node' })).toBeNull();
});

test('with the status API a node shows its live state and height; an operator may add nodes', async () => {
  renderAs('operator', <Routes><Route path="/chains/:id" element={<ChainPage />} /></Routes>, {
    '/api/v1/chains/c1': chain, '/api/v1/nodes?chainId=c1': [node],
    '/api/v1/chains/c1/status': { chainId: 'c1', name: 'anvil-dev', bestHeight: 1240, nodes: [
      { nodeId: 'n1', name: 'anvil-1', state: 'up', since: '2026-12-04T07:00:01Z', height: 1234, lagBlocks: 6,
        polledAt: '2026-12-04T07:10:00Z', lastError: null }] },
  }, '/chains/c1');
  expect(await screen.findByText('1234')).toBeInTheDocument();
  expect(screen.getByText('6')).toBeInTheDocument();
  expect(screen.getByText('Up')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Add node' })).toBeInTheDocument();
});
