import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderAs } from '../test-utils';
import AdminPage from './AdminPage';

const key = { id: 'k1', orgId: 'org-1', name: 'ci', role: 'viewer', prefix: 'cw_ab12', createdAt: '2026-12-04T07:00:00Z' };

test('an org admin creates a key and sees it once', async () => {
  renderAs('org-admin', <AdminPage />, {
    'POST /api/v1/organizations/org-1/api-keys': { ...key, id: 'k2', name: 'deploy', key: 'cw_secret_value' },
    '/api/v1/organizations/org-1/api-keys': [key],
  }, '/admin');
  await userEvent.type(await screen.findByLabelText(/Name/), 'deploy');
  await userEvent.click(screen.getByRole('button', { name: 'Create key' }));
  expect(await screen.findByText('cw_secret_value')).toBeInTheDocument();
  expect(screen.getByText('Copy the key now: it is shown only this once.')).toBeInTheDocument();
});

test('a viewer sees the keys but cannot create or revoke one', async () => {
  renderAs('viewer', <AdminPage />, { '/api/v1/organizations/org-1/api-keys': [key] }, '/admin');
  expect(await screen.findByText('ci')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Create key' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull();
});

test('without the audit API the audit tab says it is not available', async () => {
  renderAs('viewer', <AdminPage />, {}, '/admin?tab=audit');
  expect(await screen.findByText('The audit log is not available on this server yet.')).toBeInTheDocument();
});

test('the quotas tab lists each limit with its usage, the nearly used up in red, an override marked', async () => {
  renderAs('viewer', <AdminPage />, {
    '/api/v1/organizations/org-1/quotas': { orgId: 'org-1', quotas: [
      { service: 'registry', name: 'nodes', limit: 100, used: 95, overridden: false },
      { service: 'registry', name: 'min-poll-interval-ms', limit: 1000, used: 1000, overridden: false },
      { service: 'alert', name: 'sms-per-hour', limit: 50, used: 3, overridden: true }] },
  }, '/admin?tab=quotas');
  const nodes = await screen.findByTestId('quota-nodes');
  expect(nodes).toHaveTextContent('Nodes');
  expect(nodes).toHaveTextContent('95');
  expect(screen.getByRole('progressbar', { name: 'nodes: 95 % used' })).toBeInTheDocument();
  expect(screen.getByTestId('quota-sms-per-hour')).toHaveTextContent('set for your organization');
  expect(screen.queryByRole('progressbar', { name: /min-poll-interval-ms/ })).toBeNull();
});
