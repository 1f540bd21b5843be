import { ActionIcon, Button, Group, Modal, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  useAcknowledge, useAlertHistory, useAlertStats, useAlerts, useChains, useCreateSilence, useExpireSilence, usePendingAlerts,
  useSilences,
} from '../api/api';
import type { Alert, AlertStatus, LabelMatcher } from '../api/responseTypes';
import { Can, usePerson } from '../auth/PersonContext';
import { ErrorState, QueryState } from '../components/QueryState';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';
import { formatDuration } from '../lib/format';

/** The labels a silence made from this alert matches: its chain, rule and (when it has one) node. */
export function matchersFor(alert: Alert): LabelMatcher[] {
  const m: LabelMatcher[] = [
    { label: 'chain_id', op: '=', value: alert.chainId },
    { label: 'rule_id', op: '=', value: alert.ruleId },
  ];
  if (alert.nodeId) m.push({ label: 'node_id', op: '=', value: alert.nodeId });
  return m;
}

function SilenceDialog({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  const { t } = useTranslation();
  const person = usePerson();
  const create = useCreateSilence();
  const [matchers, setMatchers] = useState<LabelMatcher[]>(matchersFor(alert));
  const [hours, setHours] = useState<string | null>('1');
  const [comment, setComment] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('alerts.silenceTitle', { summary: alert.summary })} size="lg">
      <form onSubmit={(e) => {
        e.preventDefault();
        const now = new Date();
        create.mutate({
          kind: 'silence', matchers, startsAt: now.toISOString(),
          endsAt: new Date(now.getTime() + Number(hours) * 3600_000).toISOString(), comment, createdBy: person?.name,
        }, { onSuccess: onClose });
      }}>
        <Stack>
          {matchers.map((m, i) => (
            <Group key={i} align="end">
              <TextInput label={t('alerts.label')} value={m.label} readOnly />
              <TextInput label={t('alerts.value')} value={m.value} w={300}
                onChange={(e) => { const v = e.currentTarget.value; setMatchers(matchers.map((x, j) => (j === i ? { ...x, value: v } : x))); }} />
              <ActionIcon variant="subtle" color="red" aria-label={t('alerts.removeMatcher', { label: m.label })}
                onClick={() => setMatchers(matchers.filter((_, j) => j !== i))}>×</ActionIcon>
            </Group>
          ))}
          <Select label={t('alerts.duration')} value={hours} onChange={setHours}
            data={['1', '2', '4', '8', '24'].map((h) => ({ value: h, label: t('alerts.hours', { count: Number(h) }) }))} />
          <TextInput label={t('alerts.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
          {create.isError && <ErrorState error={create.error} />}
          <Group justify="end"><Button type="submit" loading={create.isPending}>{t('alerts.createSilence')}</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AlertTable({ status }: { status: AlertStatus }) {
  const { t } = useTranslation();
  const person = usePerson();
  const alerts = useAlerts(status);
  const ack = useAcknowledge();
  const [silencing, setSilencing] = useState<Alert | null>(null);
  return (
    <>
      {ack.isError && <ErrorState error={ack.error} />}
      <QueryState query={alerts} empty={{ when: (d) => d.length === 0, title: t(`alerts.empty.${status}`), next: t('alerts.emptyNext') }}>
        {(list) => (
          <Table data-testid={`alerts-${status}`}>
            <Table.Thead><Table.Tr>
              <Table.Th>{t('alerts.severity')}</Table.Th><Table.Th>{t('alerts.summary')}</Table.Th><Table.Th>{t('alerts.chain')}</Table.Th>
              <Table.Th>{t('alerts.since')}</Table.Th><Table.Th>{t('alerts.acknowledgedBy')}</Table.Th><Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.map((a) => (
                <Table.Tr key={a.fingerprint}>
                  <Table.Td><StatusBadge value={a.severity} /></Table.Td>
                  <Table.Td>{a.summary}</Table.Td>
                  <Table.Td>{a.chainName ?? a.chainId}{a.nodeName ? ` / ${a.nodeName}` : ''}</Table.Td>
                  <Table.Td><Time value={a.startedAt} /></Table.Td>
                  <Table.Td>{a.acknowledgedBy ?? '—'}</Table.Td>
                  <Table.Td>
                    <Can role="operator">
                      <Group gap="xs">
                        {a.status === 'FIRING' && (
                          <Button size="xs" loading={ack.isPending}
                            onClick={() => ack.mutate({ fingerprint: a.fingerprint, by: person?.name ?? '' })}>
                            {t('alerts.acknowledge')}
                          </Button>
                        )}
                        <Button size="xs" variant="default" onClick={() => setSilencing(a)}>{t('alerts.silence')}</Button>
                      </Group>
                    </Can>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {silencing && <SilenceDialog alert={silencing} onClose={() => setSilencing(null)} />}
    </>
  );
}

function Pending() {
  const { t } = useTranslation();
  const pending = usePendingAlerts();
  return (
    <QueryState query={pending} empty={{ when: (d) => Object.keys(d).length === 0, title: t('alerts.empty.PENDING'), next: t('alerts.pendingNext') }}>
      {(map) => (
        <Table>
          <Table.Thead><Table.Tr><Table.Th>{t('alerts.fingerprint')}</Table.Th><Table.Th>{t('alerts.pendingSince')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>{Object.entries(map).map(([fp, since]) => (
            <Table.Tr key={fp}><Table.Td><Text ff="monospace" size="sm">{fp}</Text></Table.Td><Table.Td><Time value={since} /></Table.Td></Table.Tr>
          ))}</Table.Tbody>
        </Table>
      )}
    </QueryState>
  );
}

function History() {
  const { t, i18n } = useTranslation();
  const history = useAlertHistory(24);
  const stats = useAlertStats(24);
  return (
    <>
      <Title order={2} size="h4" mb="xs">{t('alerts.responseTimes')}</Title>
      <QueryState query={stats} empty={{ when: (d) => d.length === 0, title: t('alerts.noStats'), next: t('alerts.noStatsNext') }}>
        {(list) => (
          <Table mb="lg">
            <Table.Thead><Table.Tr><Table.Th>{t('alerts.chain')}</Table.Th><Table.Th>{t('alerts.count')}</Table.Th><Table.Th>MTTA</Table.Th><Table.Th>MTTR</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{list.map((s) => (
              <Table.Tr key={`${s.orgId}-${s.chainId ?? 'all'}`}>
                <Table.Td>{s.chainId ? s.chainName ?? s.chainId : t('alerts.allChains', { org: s.orgName ?? s.orgId })}</Table.Td><Table.Td>{s.alerts}</Table.Td>
                <Table.Td>{formatDuration(s.mttaSeconds, i18n.language)}</Table.Td><Table.Td>{formatDuration(s.mttrSeconds, i18n.language)}</Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Title order={2} size="h4" mb="xs">{t('alerts.last24h')}</Title>
      <QueryState query={history} empty={{ when: (d) => d.length === 0, title: t('alerts.noHistory'), next: t('alerts.noStatsNext') }}>
        {(list) => (
          <Table>
            <Table.Thead><Table.Tr><Table.Th>{t('alerts.rule')}</Table.Th><Table.Th>{t('alerts.chain')}</Table.Th><Table.Th>{t('alerts.since')}</Table.Th>
              <Table.Th>{t('alerts.acknowledgedAt')}</Table.Th><Table.Th>{t('alerts.resolvedAt')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{list.map((h, i) => (
              <Table.Tr key={`${h.fingerprint}-${i}`}><Table.Td>{h.type}</Table.Td><Table.Td>{h.chainName ?? h.chainId}</Table.Td>
                <Table.Td><Time value={h.startedAt} /></Table.Td><Table.Td><Time value={h.acknowledgedAt} /></Table.Td><Table.Td><Time value={h.resolvedAt} /></Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}

/** The local time of {@code d} as a datetime-local input shows it ("2026-12-04T21:30"). */
function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * Plans a maintenance window on one chain: from a start (the browser's local time, now by default) for some hours,
 * muting every alert of the chain meanwhile (matcher chain_id); shown in the list with its kind.
 */
function MaintenanceForm() {
  const { t } = useTranslation();
  const person = usePerson();
  const chains = useChains();
  const create = useCreateSilence();
  const [chainId, setChainId] = useState<string | null>(null);
  const [start, setStart] = useState(localInput(new Date()));
  const [hours, setHours] = useState<string | null>('2');
  const [comment, setComment] = useState('');
  return (
    <form data-testid="maintenance-form" onSubmit={(e) => {
      e.preventDefault();
      const startsAt = new Date(start);
      create.mutate({
        kind: 'maintenance', matchers: [{ label: 'chain_id', op: '=', value: chainId ?? '' }], startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + Number(hours) * 3600_000).toISOString(), comment, createdBy: person?.name,
      }, { onSuccess: () => setComment('') });
    }}>
      <Group align="end" mb="md">
        <Select label={t('alerts.chain')} data={(chains.data ?? []).map((c) => ({ value: c.id, label: c.name }))} value={chainId}
          onChange={setChainId} placeholder={t('rules.pickChain')} required />
        <TextInput type="datetime-local" label={t('alerts.startsAt')} value={start} onChange={(e) => setStart(e.currentTarget.value)} required />
        <Select label={t('alerts.duration')} value={hours} onChange={setHours} w={130}
          data={['1', '2', '4', '8', '24'].map((h) => ({ value: h, label: t('alerts.hours', { count: Number(h) }) }))} />
        <TextInput label={t('alerts.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        <Button type="submit" loading={create.isPending} disabled={!chainId}>{t('alerts.planMaintenance')}</Button>
      </Group>
      {create.isError && <ErrorState error={create.error} />}
    </form>
  );
}

function Silences() {
  const { t } = useTranslation();
  const silences = useSilences();
  const expire = useExpireSilence();
  const chains = useChains();
  // a chain_id matcher reads better as the chain's name
  const shown = (m: LabelMatcher) => (m.label === 'chain_id' && chains.data?.find((c) => c.id === m.value)?.name) || m.value;
  return (
    <>
      <Can role="operator"><MaintenanceForm /></Can>
      <QueryState query={silences} empty={{ when: (d) => d.length === 0, title: t('alerts.noSilences'), next: t('alerts.noSilencesNext') }}>
        {(list) => (
          <Table data-testid="silences">
            <Table.Thead><Table.Tr><Table.Th>{t('alerts.kind')}</Table.Th><Table.Th>{t('alerts.matchers')}</Table.Th><Table.Th>{t('alerts.until')}</Table.Th>
              <Table.Th>{t('alerts.comment')}</Table.Th><Table.Th>{t('common.actions')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{list.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{t(`alerts.kinds.${s.kind}`)}</Table.Td>
                <Table.Td><Text size="sm" ff="monospace">{s.matchers.map((m) => `${m.label}${m.op ?? '='}"${shown(m)}"`).join(', ')}</Text></Table.Td>
                <Table.Td><Time value={s.endsAt} /></Table.Td>
                <Table.Td>{s.comment || '—'}</Table.Td>
                <Table.Td><Can role="operator"><Button size="xs" variant="default" onClick={() => s.id && expire.mutate(s.id)}>{t('alerts.expire')}</Button></Can></Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}

const TABS = ['firing', 'pending', 'acknowledged', 'history', 'silences'] as const;

export default function AlertsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.includes(params.get('tab') as (typeof TABS)[number]) ? params.get('tab')! : 'firing';
  return (
    <>
      <Title order={1} mb="md">{t('nav.alerts')}</Title>
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'firing' ? { tab: v } : {})} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((k) => <Tabs.Tab key={k} value={k}>{t(`alerts.tabs.${k}`)}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="firing"><AlertTable status="FIRING" /></Tabs.Panel>
        <Tabs.Panel value="pending"><Pending /></Tabs.Panel>
        <Tabs.Panel value="acknowledged"><AlertTable status="ACKNOWLEDGED" /></Tabs.Panel>
        <Tabs.Panel value="history"><History /></Tabs.Panel>
        <Tabs.Panel value="silences"><Silences /></Tabs.Panel>
      </Tabs>
    </>
  );
}
