import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Problem, renderAs } from '../test-utils';
import ConsortiumPage from './ConsortiumPage';

const OTHER = '6f1c2b7e-0000-4000-8000-000000000002';
const alliance = (status: string) => ({
  id: 'a1', unionId: 'u1', name: 'trade-finance', platform: 'FABRIC', creatorOrgId: OTHER, status: 'ACTIVE',
  members: [{ orgId: OTHER, role: 'CREATOR', status: 'ACTIVE', since: '2026-12-04T07:00:00Z' },
    { orgId: 'org-1', role: 'MEMBER', status, since: '2026-12-04T07:00:00Z' }],
  createdAt: '2026-12-04T07:00:00Z', updatedAt: '2026-12-04T07:00:00Z', version: 1,
});
const empty = { '/api/v1/business-chains': [], '/api/v1/platforms': [], '/api/v1/tasks?status=WAITING&size=50': [] };

test('an org admin creates an alliance inviting organizations by id; a typo in an id is caught before sending', async () => {
  const { calls } = renderAs('org-admin', <ConsortiumPage />, {
    // the POST first: a route without a method answers every method
    'POST /api/v1/alliances': { taskId: 't9', type: 'alliance.create', allianceId: 'a2' }, ...empty, '/api/v1/alliances': [],
  }, '/consortium');
  fireEvent.change(await screen.findByLabelText(/^New alliance/), { target: { value: 'supply-chain' } });
  const invite = screen.getByLabelText('Invite organizations');
  fireEvent.change(invite, { target: { value: `${OTHER}, not-an-id` } });
  expect(screen.getByText('"not-an-id" is not an organization id')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Create alliance' })).toBeDisabled();
  fireEvent.change(invite, { target: { value: OTHER } });
  fireEvent.click(screen.getByRole('button', { name: 'Create alliance' }));
  await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual(
    { name: 'supply-chain', platform: 'FABRIC', creatorOrgId: 'org-1', invitedOrgIds: [OTHER] }));
  expect(await screen.findByRole('link', { name: 'Follow the task' })).toHaveAttribute('href', '/tasks/t9');
});

test('an invitation to the own organization is accepted by its admin; the API\'s refusal is shown', async () => {
  const { calls } = renderAs('org-admin', <ConsortiumPage />, {
    ...empty, '/api/v1/alliances': [alliance('INVITED')],
    'POST /api/v1/alliances/a1/invitations/org-1': new Problem(409, { status: 409, title: 'Conflict', detail: 'The invitation was withdrawn.' }),
  }, '/consortium');
  const invitations = await screen.findByTestId('invitations');
  expect(within(invitations).getByText('trade-finance')).toBeInTheDocument();
  fireEvent.click(within(invitations).getByRole('button', { name: 'Accept' }));
  await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toMatchObject({
    url: '/api/v1/alliances/a1/invitations/org-1', body: { accept: true } }));
  expect(await screen.findByText(/The invitation was withdrawn/)).toBeInTheDocument();
});

test('a viewer sees invitations and alliances but can neither answer nor create', async () => {
  renderAs('viewer', <ConsortiumPage />, { ...empty, '/api/v1/alliances': [alliance('INVITED')] }, '/consortium');
  expect(await screen.findByTestId('invitations')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Create alliance' })).toBeNull();
});

test('an active membership is no invitation', async () => {
  renderAs('org-admin', <ConsortiumPage />, { ...empty, '/api/v1/alliances': [alliance('ACTIVE')] }, '/consortium');
  expect(await screen.findByText('trade-finance')).toBeInTheDocument();
  expect(screen.queryByTestId('invitations')).toBeNull();
});
