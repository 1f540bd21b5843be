import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { Problem, renderAs } from '../test-utils';
import { knownShares, stalledShare } from '../components/ChainAvailability';
import ChainPage from './ChainPage';

// uPlot draws on a canvas jsdom does not have: a chart is replaced by its data (the browser test draws it)
vi.mock('../components/SeriesChart', () => ({
  default: ({ data, title }: { data: { t: number[]; series: { label: string; values: (number | null)[] }[] }; title: string }) =>
    <div data-testid="series-chart" aria-label={title}>{data.series.map((x) => `${x.label}:${x.values.join(',')}`).join(' ')}</div>,
}));

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

const report = {
  scope: 'chain', id: 'c1', name: 'anvil-dev', from: '2026-12-03T07:00:00Z', to: '2026-12-04T07:00:00Z', periodSeconds: 86400, nodes: 1,
  seconds: { up: 84600, erroring: 0, unreachable: 1800, unsupported: 0, no_data: 0, unknown: 0 },
  share: { up: 0.979166, erroring: 0, unreachable: 0.020833, unsupported: 0, no_data: 0, unknown: 0 },
  availability: 0.979166, objective: 0.99, errorBudgetLeft: -1.083, outages: [
    { nodeId: 'n1', node: 'anvil-1', state: 'unreachable', start: '2026-12-03T10:00:00Z', end: '2026-12-03T10:30:00Z', seconds: 1800,
      cause: 'connection refused', ongoing: false,
      alerts: [{ fingerprint: 'fp1', ruleType: 'node_unreachable', firedAt: '2026-12-03T10:00:30Z', resolvedAt: '2026-12-03T10:30:05Z' }] }],
};
// a chain_stalled episode of 2 h 24 min inside the day: 10 % of it
const stall = { fingerprint: 'fp2', ruleId: 'r1', type: 'chain_stalled', severity: 'critical', orgId: 'org-1', chainId: 'c1',
  startedAt: '2026-12-03T12:00:00Z', resolvedAt: '2026-12-03T14:24:00Z' };

test('the availability card shows the shares, the objective with its budget overspent, the stalled share and the outages', async () => {
  const { calls } = renderAs('viewer', <Routes><Route path="/chains/:id" element={<ChainPage />} /></Routes>, {
    '/api/v1/chains/c1': chain, '/api/v1/nodes?chainId=c1': [node],
    '/api/v1/chains/c1/availability': report, '/api/v1/alerts/history': [stall],
  }, '/chains/c1');
  expect(await screen.findByTestId('availability-value')).toHaveTextContent('97.917 %');
  expect(screen.getByTestId('availability-objective')).toHaveTextContent('99.000 %');
  expect(screen.getByTestId('availability-budget')).toHaveTextContent('-108.3 % (overspent)');
  expect(screen.getByTestId('share-unreachable')).toHaveTextContent('2.08 %');
  expect(await screen.findByTestId('share-stalled')).toHaveTextContent('10.00 %');
  expect(screen.getByText('connection refused')).toBeInTheDocument();
  expect(screen.getByText('Node unreachable')).toBeInTheDocument();
  expect(calls.some((c) => /\/chains\/c1\/availability\?from=/.test(c.url))).toBe(true);
});

test('the 7-day switch asks for a week; a chain without known state gets the empty state', async () => {
  const empty = { ...report, nodes: 0, seconds: {}, share: {}, availability: 1, objective: null, errorBudgetLeft: null, outages: [] };
  const { calls } = renderAs('viewer', <Routes><Route path="/chains/:id" element={<ChainPage />} /></Routes>, {
    '/api/v1/chains/c1': chain, '/api/v1/nodes?chainId=c1': [node], '/api/v1/chains/c1/availability': empty, '/api/v1/alerts/history': [],
  }, '/chains/c1');
  expect(await screen.findByText('No availability data yet')).toBeInTheDocument();
  fireEvent.click(screen.getByText('Last 7 days'));
  await screen.findByText('No availability data yet');
  await waitFor(() => expect(calls.some((c) => c.url.includes('/alerts/history') && c.url.includes('hours=192'))).toBe(true));
  const week = calls.filter((c) => c.url.includes('/availability?from=')).map((c) => new URL(c.url, 'http://x').searchParams.get('from'));
  const ages = week.map((f) => (Date.now() - Date.parse(f as string)) / 3_600_000);
  expect(Math.max(...ages)).toBeGreaterThan(167);
});

test('stalledShare counts overlapping episodes once and clips them to the period', () => {
  const h = (s: string, e: string | null) => ({ ...stall, startedAt: s, resolvedAt: e });
  expect(stalledShare([h('2026-12-03T06:00:00Z', '2026-12-03T08:24:00Z'), h('2026-12-03T08:00:00Z', '2026-12-03T09:00:00Z'),
    { ...h('2026-12-03T10:00:00Z', null), type: 'node_unreachable' }], report.from, report.to)).toBeCloseTo(2 / 24, 5);
});

test('shares are of the known node time: a node added an hour ago that was up shows 100 % up, the rest of the day apart', async () => {
  const young = { ...report, seconds: { up: 3000, erroring: 600, unreachable: 0, unsupported: 0, no_data: 0, unknown: 82800 },
    share: { up: 3000 / 86400, erroring: 600 / 86400, unreachable: 0, unsupported: 0, no_data: 0, unknown: 82800 / 86400 },
    availability: 3000 / 3600, objective: null, errorBudgetLeft: null, outages: [] };
  expect(knownShares(young).up).toBeCloseTo(5 / 6, 6);
  renderAs('viewer', <Routes><Route path="/chains/:id" element={<ChainPage />} /></Routes>, {
    '/api/v1/chains/c1': chain, '/api/v1/nodes?chainId=c1': [node], '/api/v1/chains/c1/availability': young, '/api/v1/alerts/history': [],
  }, '/chains/c1');
  expect(await screen.findByTestId('share-up')).toHaveTextContent('83.33 %');
  expect(screen.getByTestId('share-erroring')).toHaveTextContent('16.67 %');
  expect(screen.getByTestId('unknown-time')).toHaveTextContent('23 h 0 min');
  expect(screen.getByTestId('availability-objective')).toHaveTextContent('none set');
  expect(screen.getByTestId('no-outages')).toBeInTheDocument();
});

test('a last error is red while the node is down and dimmed, with its time, once the node is up again', async () => {
  const second = { ...node, id: 'n2', name: 'anvil-2', rpcUrl: 'http://127.0.0.1:8546' };
  renderAs('viewer', <Routes><Route path="/chains/:id" element={<ChainPage />} /></Routes>, {
    '/api/v1/chains/c1': chain, '/api/v1/nodes?chainId=c1': [node, second],
    '/api/v1/chains/c1/status': { chainId: 'c1', name: 'anvil-dev', bestHeight: 1240, nodes: [
      { nodeId: 'n1', name: 'anvil-1', state: 'up', since: '2026-12-04T07:00:01Z', height: 1240, lagBlocks: 0,
        polledAt: '2026-12-04T07:10:00Z', lastError: 'connection refused', lastErrorAt: '2026-12-04T06:59:58Z' },
      { nodeId: 'n2', name: 'anvil-2', state: 'erroring', since: '2026-12-04T07:05:00Z', height: null, lagBlocks: null,
        polledAt: '2026-12-04T07:10:00Z', lastError: '-32000 database corrupt', lastErrorAt: '2026-12-04T07:10:00Z' }] },
  }, '/chains/c1');
  const recovered = await screen.findByText(/connection refused/);
  const current = screen.getByText(/database corrupt/);
  expect(recovered.closest('[data-testid="last-error"]')).not.toHaveStyle({ color: 'var(--mantine-color-red-9)' });
  expect(current.closest('[data-testid="last-error"]')).toHaveStyle({ color: 'var(--mantine-color-red-9)' });
  expect(recovered.closest('[data-testid="last-error"]')?.querySelector('time')?.getAttribute('dateTime')).toBe('2026-12-04T06:59:58Z');
});

test('the last hour is charted per reading from the history API; a reading no node reports says so', async () => {
  const { calls } = renderAs('viewer', <Routes><Route path="/chains/:id" element={<ChainPage />} /></Routes>, {
    '/api/v1/chains/c1': chain, '/api/v1/nodes?chainId=c1': [node],
    '/api/v1/chains/c1/history': { chainId: 'c1', name: 'anvil-dev', from: '2026-12-04T07:00:00Z', to: '2026-12-04T08:00:00Z', bucketSeconds: 10,
      nodes: [{ nodeId: 'n1', name: 'anvil-1', points: [
        { at: '2026-12-04T07:59:40Z', height: 100, blockIntervalSeconds: 1, tps: 2, peers: null },
        { at: '2026-12-04T07:59:50Z', height: 110, blockIntervalSeconds: 1, tps: 3, peers: null }] }] },
  }, '/chains/c1');
  await waitFor(() => expect(screen.getByTestId('chart-height')).toHaveTextContent('anvil-1:100,110'));
  await waitFor(() => expect(screen.getByTestId('chart-tps')).toHaveTextContent('anvil-1:2,3'));
  expect(screen.getByTestId('chart-peers')).toHaveTextContent('No node of this chain reports it.');
  expect(calls.some((c) => c.url.endsWith('/api/v1/chains/c1/history'))).toBe(true);
});

test('without the history API the page says charts are not available', async () => {
  renderAs('viewer', <Routes><Route path="/chains/:id" element={<ChainPage />} /></Routes>,
    { '/api/v1/chains/c1': chain, '/api/v1/nodes?chainId=c1': [node] }, '/chains/c1');
  expect(await screen.findByText(/Charts are not available on this server yet/)).toBeInTheDocument();
});

test('an operator sets the objective in percent: sent as a fraction with the chain\'s version as If-Match', async () => {
  const { calls } = renderAs('operator', <Routes><Route path="/chains/:id" element={<ChainPage />} /></Routes>, {
    '/api/v1/chains/c1': { ...chain, version: 3, availabilityObjective: 0.99 }, '/api/v1/nodes?chainId=c1': [node],
    '/api/v1/chains/c1/availability': report, '/api/v1/alerts/history': [],
    'PUT /api/v1/chains/c1/availability-objective': { ...chain, version: 4, availabilityObjective: 0.999 },
  }, '/chains/c1');
  const input = await screen.findByTestId('objective-input');
  await waitFor(() => expect(input).toHaveValue('99 %'));
  fireEvent.change(input, { target: { value: '99.9' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save objective' }));
  await waitFor(() => expect(calls.find((c) => c.method === 'PUT')).toMatchObject({ body: { objective: 0.999 }, headers: { 'if-match': '"3"' } }));
  expect(await screen.findByText('Objective saved.')).toBeInTheDocument();
});

test('the objective\'s validation is shown at the field; a viewer has no editor', async () => {
  renderAs('operator', <Routes><Route path="/chains/:id" element={<ChainPage />} /></Routes>, {
    '/api/v1/chains/c1': { ...chain, version: 3 }, '/api/v1/nodes?chainId=c1': [node],
    'PUT /api/v1/chains/c1/availability-objective': new Problem(400, { status: 400, title: 'Invalid request',
      detail: 'objective: must be less than 1', errors: [{ field: 'objective', message: 'must be less than 1' }] }),
  }, '/chains/c1');
  fireEvent.change(await screen.findByTestId('objective-input'), { target: { value: '100' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save objective' }));
  expect(await screen.findByText('must be less than 1')).toBeInTheDocument();
  cleanup();
  renderAs('viewer', <Routes><Route path="/chains/:id" element={<ChainPage />} /></Routes>,
    { '/api/v1/chains/c1': chain, '/api/v1/nodes?chainId=c1': [node] }, '/chains/c1');
  expect(await screen.findByText('anvil-1')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Save objective' })).toBeNull();
});
