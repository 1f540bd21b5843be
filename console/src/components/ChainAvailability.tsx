import { Anchor, Badge, Button, Card, Group, NumberInput, Progress, SegmentedControl, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useChainAlertHistory, useChainAvailability, useSetAvailabilityObjective } from '../api/api';
import { Can } from '../auth/PersonContext';
import { fieldErrors } from './FieldErrors';
import type { AlertHistoryEntry, AvailabilityReport } from '../api/responseTypes';
import { formatDuration } from '../lib/format';
import { ErrorState, QueryState } from './QueryState';
import { StatusBadge } from './StatusBadge';
import { Time } from './Time';

/** The known states a report counts, in the order they are drawn, with their colours ("unknown" is shown apart). */
const STATES: [string, string][] = [
  ['up', 'green'], ['erroring', 'orange'], ['unreachable', 'red'], ['no_data', 'gray'], ['unsupported', 'grape'],
];

/**
 * Each known state's share of the known node time: the report's shares include "unknown" (before a node's first
 * state), which for a node added an hour ago is most of a day; the availability is up over known time too.
 */
export function knownShares(r: AvailabilityReport): Record<string, number> {
  const known = STATES.reduce((sum, [s]) => sum + (r.seconds[s] ?? 0), 0);
  return Object.fromEntries(STATES.map(([s]) => [s, known > 0 ? (r.seconds[s] ?? 0) / known : 0]));
}

export const percent = (v: number | null | undefined, digits = 2) =>
  v == null || Number.isNaN(v) ? '—' : `${(v * 100).toFixed(digits)} %`;

/** Nothing known in the period: no node, or every node-second before a node's first recorded state. */
const noData = (r: AvailabilityReport) => r.nodes === 0 || (r.share.unknown ?? 0) >= 1 || r.periodSeconds <= 0;

/**
 * Share of [from, to) during which a chain_stalled alert of the chain was firing (overlapping episodes counted once).
 * A stall is not a node state the registry records (docs/availability.md): it comes from the alert history.
 */
export function stalledShare(history: AlertHistoryEntry[], from: string, to: string): number {
  const f = Date.parse(from);
  const e = Date.parse(to);
  if (!(e > f)) return 0;
  const spans = history.filter((h) => h.type === 'chain_stalled')
    .map((h) => [Math.max(f, Date.parse(h.startedAt)), Math.min(e, h.resolvedAt ? Date.parse(h.resolvedAt) : e)])
    .filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = f;
  for (const [a, b] of spans) {
    const start = Math.max(a, end);
    if (b > start) { total += b - start; end = b; }
  }
  return total / (e - f);
}

function Report({ r, stalled }: { r: AvailabilityReport; stalled: number | null }) {
  const { t, i18n } = useTranslation();
  const share = knownShares(r);
  const shown = STATES.filter(([s]) => share[s] > 0);
  const budget = r.errorBudgetLeft;
  return (
    <Stack gap="sm">
      <Group gap="xl">
        <div>
          <Text size="xs" c="dimmed">{t('availability.availability')}</Text>
          <Text fw={700} size="xl" data-testid="availability-value">{percent(r.availability, 3)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">{t('availability.objective')}</Text>
          <Text fw={700} size="xl" data-testid="availability-objective">{r.objective != null ? percent(r.objective, 3) : t('availability.noObjective')}</Text>
        </div>
        {r.objective != null && (
          <div>
            <Text size="xs" c="dimmed">{t('availability.budgetLeft')}</Text>
            <Text fw={700} size="xl" c={budget != null && budget < 0 ? 'red.9' : undefined} data-testid="availability-budget">
              {percent(budget, 1)}{budget != null && budget < 0 && ` (${t('availability.overspent')})`}
            </Text>
          </div>
        )}
      </Group>
      <Progress.Root size={22}>
        {shown.map(([s, color]) => (
          <Tooltip key={s} label={`${t(`availability.states.${s}`)}: ${percent(share[s])}`}>
            <Progress.Section value={share[s] * 100} color={color}
              aria-label={`${t('availability.shares')}: ${t(`availability.states.${s}`)}`} />
          </Tooltip>
        ))}
      </Progress.Root>
      <Table data-testid="availability-shares" maw={560}>
        <Table.Thead><Table.Tr><Table.Th>{t('chain.state')}</Table.Th><Table.Th>{t('availability.share')}</Table.Th><Table.Th>{t('availability.time')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {STATES.map(([s]) => (
            <Table.Tr key={s} data-testid={`share-${s}`}>
              <Table.Td>{t(`availability.states.${s}`)}</Table.Td>
              <Table.Td>{percent(share[s])}</Table.Td>
              <Table.Td>{formatDuration(r.seconds[s] ?? 0, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {(r.seconds.unknown ?? 0) > 0 && (
        <Text size="sm" c="dimmed" data-testid="unknown-time">{t('availability.unknownTime', { duration: formatDuration(r.seconds.unknown, i18n.language) })}</Text>
      )}
      <Group gap="xs" data-testid="share-stalled">
        <Text size="sm">{t('availability.stalled')}:</Text>
        <Text size="sm" fw={600}>{stalled == null ? '—' : percent(stalled)}</Text>
      </Group>
      <Text size="xs" c="dimmed">
        {t('availability.nodeSeconds', { count: r.nodes })} {t('availability.stalledNote')}{' '}
        <Anchor component={Link} to="/alerts?tab=history" size="xs">{t('availability.alertHistory')}</Anchor>
      </Text>
      <Title order={3} size="h5" mt="sm">{t('availability.outages')}</Title>
      {r.outages.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-outages">{t('availability.noOutages')}</Text>
      ) : (
        <Table data-testid="outages">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('availability.node')}</Table.Th><Table.Th>{t('chain.state')}</Table.Th><Table.Th>{t('availability.start')}</Table.Th>
            <Table.Th>{t('availability.end')}</Table.Th><Table.Th>{t('availability.duration')}</Table.Th>
            <Table.Th>{t('availability.cause')}</Table.Th><Table.Th>{t('availability.alerts')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {r.outages.map((o) => (
              <Table.Tr key={`${o.nodeId}-${o.start}`}>
                <Table.Td>{o.node}</Table.Td>
                <Table.Td><StatusBadge value={o.state.toUpperCase()} /></Table.Td>
                <Table.Td><Time value={o.start} /></Table.Td>
                <Table.Td>{o.ongoing ? <Badge color="red" variant="outline">{t('availability.ongoing')}</Badge> : <Time value={o.end} />}</Table.Td>
                <Table.Td>{formatDuration(o.seconds, i18n.language)}</Table.Td>
                <Table.Td><Text size="sm">{o.cause ?? '—'}</Text></Table.Td>
                <Table.Td>
                  {o.alerts.length === 0 ? '—' : o.alerts.map((a) => (
                    <Text size="sm" key={a.fingerprint}>
                      <Anchor component={Link} to="/alerts?tab=history">{t(`availability.ruleTypes.${a.ruleType}`, { defaultValue: a.ruleType })}</Anchor>
                      {' '}<Time value={a.firedAt} />{a.resolvedAt ? <> – <Time value={a.resolvedAt} /></> : ` (${t('availability.stillFiring')})`}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/**
 * Sets the chain's availability objective, as a percentage (99.9 = 0.999); empty removes it. The server's validation
 * (strictly between 0 and 100 %) is shown at the field; a 412 says the chain changed meanwhile.
 */
function ObjectiveEditor({ chainId, version, objective }: { chainId: string; version: number; objective: number | null | undefined }) {
  const { t } = useTranslation();
  const set = useSetAvailabilityObjective(chainId);
  const [value, setValue] = useState<number | string>(objective != null ? Number((objective * 100).toFixed(4)) : '');
  const errors = fieldErrors(set.error, ['objective']);
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      // 99.9 / 100 is 0.9990000000000001 in binary floating point: rounded to what a person typed
      set.mutate({ objective: value === '' ? null : Number((Number(value) / 100).toPrecision(10)), version });
    }}>
      <Group align="end" gap="xs">
        <NumberInput label={t('availability.setObjective')} value={value} onChange={setValue} suffix=" %" decimalScale={4}
          w={200} error={errors.objective} data-testid="objective-input" />
        <Button type="submit" variant="default" loading={set.isPending}>{t('availability.saveObjective')}</Button>
        {set.isSuccess && <Text size="sm" c="green.9">{t('availability.objectiveSaved')}</Text>}
      </Group>
      {Boolean(set.error) && Object.keys(errors).length === 0 && <ErrorState error={set.error} />}
    </form>
  );
}

/** The chain's availability (registry report): shares per state, objective and error budget, outages. */
export function ChainAvailability({ chainId, version, objective }: { chainId: string; version: number; objective?: number | null }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState('24');
  const report = useChainAvailability(chainId, Number(hours));
  // episodes that started up to a day before the period may still be firing in it
  const history = useChainAlertHistory(chainId, Number(hours) + 24);
  return (
    <Card withBorder mt="md" data-testid="availability">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">{t('availability.title')}</Title>
        <SegmentedControl value={hours} onChange={setHours} aria-label={t('availability.period')}
          data={[{ value: '24', label: t('availability.last24h') }, { value: '168', label: t('availability.last7d') }]} />
      </Group>
      <QueryState query={report} missing={t('availability.missing')}
        empty={{ when: noData, title: t('availability.emptyTitle'), next: t('availability.emptyNext') }}>
        {(r) => <Report r={r} stalled={history.data ? stalledShare(history.data, r.from, r.to) : null} />}
      </QueryState>
      <Can role="operator"><Stack mt="md"><ObjectiveEditor key={version} chainId={chainId} version={version} objective={objective} /></Stack></Can>
    </Card>
  );
}
