import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { dryRunSeries } from '../lib/dryRunSeries';
import { Problem, renderAs } from '../test-utils';
import RulesPage from './RulesPage';

// uPlot draws on a canvas jsdom does not have: the chart is replaced by its data (the browser test draws it)
vi.mock('../components/DryRunChart', () => ({
  default: ({ t, firing }: { t: number[]; firing: number[] }) => <div data-testid="dry-run-chart">{t.map((x, i) => `${x}:${firing[i]}`).join(' ')}</div>,
}));

const from = '2026-12-04T07:00:00Z';
const to = '2026-12-04T08:00:00Z';
const s = (iso: string) => Date.parse(iso) / 1000;
const dry = {
  wouldHaveFired: true, samples: 3600, from, to, transitions: [
    { status: 'PENDING', at: '2026-12-04T07:10:00Z', nodeId: null, summary: 'no new block' },
    { status: 'FIRING', at: '2026-12-04T07:10:30Z', nodeId: null, summary: 'no new block' },
    { status: 'RESOLVED', at: '2026-12-04T07:20:00Z', nodeId: null, summary: 'blocks again' }],
};

test('the dry run becomes steps: pending, firing, resolved, held to the end of the period', () => {
  expect(dryRunSeries(dry)).toEqual({
    t: [s(from), s('2026-12-04T07:10:00Z'), s('2026-12-04T07:10:30Z'), s('2026-12-04T07:20:00Z'), s(to)],
    firing: [0, 0, 1, 0, 0], pending: [0, 1, 0, 0, 0],
  });
  // two nodes overlapping count twice; no period, no chart
  const two = dryRunSeries({ from, to, transitions: [
    { status: 'FIRING', at: '2026-12-04T07:05:00Z', nodeId: 'a' }, { status: 'FIRING', at: '2026-12-04T07:06:00Z', nodeId: 'b' }] });
  expect(two?.firing).toEqual([0, 1, 2, 2]);
  expect(dryRunSeries({ transitions: [] })).toBeNull();
});

test('an operator\'s dry run shows the verdict, the chart of when it would have fired, and the transitions', async () => {
  renderAs('operator', <RulesPage />, {
    '/api/v1/rules': [], '/api/v1/chains': [{ id: 'c1', orgId: 'org-1', name: 'anvil-dev', platform: 'ETHEREUM', createdAt: from, version: 0 }],
    'POST /api/v1/rules/dry-run': dry,
  });
  fireEvent.click(await screen.findByRole('button', { name: 'Dry run (last hour)' }));
  expect(await screen.findByText(/It would have fired/)).toBeInTheDocument();
  expect(await screen.findByTestId('dry-run-chart')).toHaveTextContent(`${s('2026-12-04T07:10:30Z')}:1`);
  expect(screen.getByText(/blocks again/)).toBeInTheDocument();
});

test('a viewer gets no rule form', async () => {
  renderAs('viewer', <RulesPage />, { '/api/v1/rules': [], '/api/v1/chains': [] });
  expect(await screen.findByText('No rules yet')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Dry run (last hour)' })).toBeNull();
});

const chainsAnswer = [{ id: 'c1', orgId: 'org-1', name: 'anvil-dev', platform: 'ETHEREUM', createdAt: from, version: 0 }];
const threshold = { id: 'r1', orgId: 'org-1', type: 'threshold', chainId: 'c1', forSeconds: 30, severity: 'warning', emailTo: ['ops@acme.example'],
  reading: 'block.height', operator: '>', value: 50, options: { summary: '{node} is at {value}' } };

test('an operator edits a threshold: type and chain fixed, the options kept, the API\'s error shown at the field', async () => {
  const { calls } = renderAs('operator', <RulesPage />, {
    '/api/v1/rules': [threshold], '/api/v1/chains': chainsAnswer,
    'PUT /api/v1/rules/r1': new Problem(400, { status: 400, title: 'Invalid request', detail: 'Invalid request: value must not be null',
      errors: [{ field: 'value', message: 'must not be null' }] }),
  });
  expect(await screen.findByText('block.height > 50')).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
  const dialog = await screen.findByRole('dialog');
  expect(within(dialog).getByLabelText('Type')).toBeDisabled();
  expect(within(dialog).getByLabelText('Chain')).toBeDisabled();
  const value = within(dialog).getByLabelText('Value');
  expect(value).toHaveValue('50');
  fireEvent.change(value, { target: { value: '80' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save rule' }));
  await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({
    id: 'r1', type: 'threshold', chainId: 'c1', reading: 'block.height', operator: '>', value: 80, severity: 'warning',
    emailTo: ['ops@acme.example'], options: { summary: '{node} is at {value}' } }));
  expect(await within(dialog).findByText('must not be null')).toBeInTheDocument();
});

test('a viewer sees the rules but no edit button', async () => {
  renderAs('viewer', <RulesPage />, { '/api/v1/rules': [threshold], '/api/v1/chains': chainsAnswer });
  expect(await screen.findByText('block.height > 50')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
});
