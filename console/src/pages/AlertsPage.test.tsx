import { fireEvent, screen, waitFor, within } from '@testing-library/react';
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

test('an operator plans a maintenance window on a chain: kind maintenance, its chain_id, from the start for the hours chosen', async () => {
  const { calls } = renderAs('operator', <AlertsPage />, {
    '/api/v1/silences': [{ id: 's1', kind: 'maintenance', matchers: [{ label: 'chain_id', op: '=', value: 'chain-1' }],
      startsAt: '2026-12-04T07:00:00Z', endsAt: '2026-12-04T09:00:00Z', comment: 'upgrade' }],
    '/api/v1/chains': [{ id: 'chain-1', orgId: 'org-1', name: 'anvil-dev', platform: 'ETHEREUM', createdAt: '2026-12-04T06:00:00Z', version: 0 }],
    'POST /api/v1/silences': { id: 's2' },
  }, '/alerts?tab=silences');
  expect(await screen.findByText('chain_id="anvil-dev"')).toBeInTheDocument();
  const form = screen.getByTestId('maintenance-form');
  await userEvent.click(within(form).getByRole('textbox', { name: 'Chain' }));
  await userEvent.click(await screen.findByRole('option', { name: 'anvil-dev', hidden: true }));
  fireEvent.change(within(form).getByLabelText(/^Starts/), { target: { value: '2026-12-05T22:30' } });
  await userEvent.type(within(form).getByLabelText('Comment'), 'disk swap');
  await userEvent.click(within(form).getByRole('button', { name: 'Plan maintenance' }));
  await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
  const body = calls.find((c) => c.method === 'POST')?.body as { kind: string; matchers: unknown; startsAt: string; endsAt: string; comment: string };
  expect(body).toMatchObject({ kind: 'maintenance', matchers: [{ label: 'chain_id', op: '=', value: 'chain-1' }], comment: 'disk swap' });
  expect(body.startsAt).toBe(new Date('2026-12-05T22:30').toISOString());
  expect(Date.parse(body.endsAt) - Date.parse(body.startsAt)).toBe(2 * 3600_000);
});

test('a viewer sees the silences but cannot plan a maintenance window', async () => {
  renderAs('viewer', <AlertsPage />, { '/api/v1/silences': [] }, '/alerts?tab=silences');
  expect(await screen.findByText('No silences')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Plan maintenance' })).toBeNull();
});
