import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Problem, renderAs } from '../test-utils';
import ReceiversPage from './ReceiversPage';

const receiver = { id: 'r1', orgId: 'org-1', name: 'on-call', channel: 'email', address: 'oncall@example.com', locale: 'en', enabled: true };

test('a viewer sees the receivers and neither Edit nor Send test', async () => {
  renderAs('viewer', <ReceiversPage />, { '/api/v1/receivers': [receiver] });
  expect(await screen.findByText('on-call')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Send test' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Create receiver' })).toBeNull();
});

test('Send test posts to the receiver\'s test endpoint and shows the outbox id', async () => {
  const { calls } = renderAs('org-admin', <ReceiversPage />, {
    '/api/v1/receivers': [receiver],
    'POST /api/v1/receivers/r1/test': { receiverId: 'r1', channel: 'email', outboxIds: [42] },
  });
  fireEvent.click(await screen.findByRole('button', { name: 'Send test' }));
  expect(await screen.findByTestId('test-sent-on-call')).toHaveTextContent('Test sent (outbox 42)');
  expect(calls.some((c) => c.method === 'POST' && c.url === '/api/v1/receivers/r1/test')).toBe(true);
});

test('a refused test says why', async () => {
  renderAs('org-admin', <ReceiversPage />, {
    '/api/v1/receivers': [receiver],
    'POST /api/v1/receivers/r1/test': new Problem(409, { status: 409, title: 'Quota exceeded', detail: 'the organization\'s 1 SMS per hour are used up; try again later' }),
  });
  fireEvent.click(await screen.findByRole('button', { name: 'Send test' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('SMS per hour are used up');
});

test('editing sends the changed receiver with PUT and shows the API\'s validation at the field', async () => {
  const { calls } = renderAs('org-admin', <ReceiversPage />, {
    '/api/v1/receivers': [receiver],
    'PUT /api/v1/receivers/r1': new Problem(400, { status: 400, title: 'Invalid request', detail: 'address must be an e-mail address for channel email' }),
  });
  fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
  const dialog = await screen.findByRole('dialog');
  const address = within(dialog).getByLabelText('Address');
  expect(address).toHaveValue('oncall@example.com');
  fireEvent.change(address, { target: { value: 'not-an-address' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  expect(await within(dialog).findByText('address must be an e-mail address for channel email')).toBeInTheDocument();
  await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ id: 'r1', name: 'on-call', address: 'not-an-address', enabled: true }));
  expect(within(dialog).getByLabelText('Address')).toHaveAttribute('aria-invalid', 'true');
});
