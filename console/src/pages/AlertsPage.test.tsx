import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Alert } from '../api/responseTypes';
import { renderAs } from '../test-utils';
import AlertsPage, { matchersFor } from './AlertsPage';

const firing: Alert = {
  fingerprint: 'fp1', ruleId: 'rule-1', type: 'chain_stalled', severity: 'critical', orgId: 'org-1', chainId: 'chain-1',
  nodeId: null, status: 'FIRING', startedAt: '2026-12-04T07:00:00Z', summary: 'Chain stalled: anvil-dev',
  updatedAt: '2026-12-04T07:00:00Z', chainName: 'anvil-dev',
};

test('a viewer sees the firing alert but no button to acknowledge or silence it', async () => {
  renderAs('viewer', <AlertsPage />, { '/api/v1/alerts?status=FIRING': [firing] }, '/alerts');
  expect(await screen.findByText('Chain stalled: anvil-dev')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Silence' })).toBeNull();
});

test('an operator acknowledges an alert as themselves', async () => {
  const { calls } = renderAs('operator', <AlertsPage />, {
    'POST /api/v1/alerts/fp1/acknowledge': { ...firing, status: 'ACKNOWLEDGED' },
    '/api/v1/alerts?status=FIRING': [firing],
  }, '/alerts');
  await userEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));
  await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/alerts/fp1/acknowledge'))).toBe(true));
  expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ by: 'pat' });
});

test('a silence made from an alert matches its chain, rule and node', () => {
  expect(matchersFor({ ...firing, nodeId: 'node-9' })).toEqual([
    { label: 'chain_id', op: '=', value: 'chain-1' },
    { label: 'rule_id', op: '=', value: 'rule-1' },
    { label: 'node_id', op: '=', value: 'node-9' },
  ]);
});

test('the empty state says what to do next', async () => {
  renderAs('viewer', <AlertsPage />, { '/api/v1/alerts?status=FIRING': [] }, '/alerts');
  expect(await screen.findByText('Nothing is firing')).toBeInTheDocument();
  expect(screen.getByText(/Check the Rules page/)).toBeInTheDocument();
});

test('the history tab gives each chain its response times and the organization a row of its own', async () => {
  renderAs('viewer', <AlertsPage />, {
    '/api/v1/alerts/stats?hours=24': [
      { orgId: 'org-1', orgName: 'acme', chainId: null, chainName: null, alerts: 3, acknowledged: 3, resolved: 3, mttaSeconds: 4, mttrSeconds: 60 },
      { orgId: 'org-1', orgName: 'acme', chainId: 'chain-1', chainName: 'anvil-dev', alerts: 3, acknowledged: 3, resolved: 3, mttaSeconds: 4, mttrSeconds: 60 },
    ],
    '/api/v1/alerts/history?hours=24': [],
  }, '/alerts?tab=history');
  expect(await screen.findByText('All chains of acme')).toBeInTheDocument();
  expect(screen.getAllByText('anvil-dev')).toHaveLength(1);
});
