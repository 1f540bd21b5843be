import { Alert, Button, Card, Group, NumberInput, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dryRunRule, useChains, useCreateRule, useRules, validateRule } from '../api/api';
import type { Rule } from '../api/responseTypes';
import { Can } from '../auth/PersonContext';
import { fieldErrors } from '../components/FieldErrors';
import { ErrorState, QueryState } from '../components/QueryState';
import { Time } from '../components/Time';
import { dryRunSeries, type DryRunAnswer } from '../lib/dryRunSeries';

const DryRunChart = lazy(() => import('../components/DryRunChart'));

/** The dry run's answer: whether it would have fired, a chart of when, and the transitions. */
function DryRunResult({ dry }: { dry: DryRunAnswer }) {
  const { t } = useTranslation();
  const series = dryRunSeries(dry);
  return (
    <Alert variant="outline" mt="sm" color={dry.wouldHaveFired ? 'red' : 'blue'} title={t('rules.dryRunResult')} data-testid="dry-run">
      <Text size="sm">{dry.wouldHaveFired ? t('rules.wouldFire') : t('rules.wouldNotFire')} ({t('rules.samples', { count: Number(dry.samples ?? 0) })})</Text>
      {series && (
        <Suspense fallback={null}>
          <DryRunChart t={series.t} firing={series.firing} pending={series.pending}
            labels={{ title: t('rules.chartTitle'), firing: t('status.FIRING'), pending: t('status.PENDING') }} />
        </Suspense>
      )}
      {(dry.transitions ?? []).map((s, i) => (
        <Text key={i} size="sm"><Time value={s.at} /> {t(`status.${s.status}`, { defaultValue: s.status })} {s.nodeName ?? ''} {s.summary}</Text>
      ))}
    </Alert>
  );
}

const TYPES = ['chain_stalled', 'node_unreachable', 'lagging', 'threshold', 'rate'];

function RuleForm() {
  const { t } = useTranslation();
  const chains = useChains();
  const create = useCreateRule();
  const [type, setType] = useState<string | null>('chain_stalled');
  const [chainId, setChainId] = useState<string | null>(null);
  const [forSeconds, setForSeconds] = useState<number | string>(30);
  const [severity, setSeverity] = useState('critical');
  const [emails, setEmails] = useState('');
  const [check, setCheck] = useState<{ error?: unknown; warnings?: string[]; dry?: Record<string, unknown> } | null>(null);
  const rule = (): Rule => ({
    type: type ?? '', chainId: chainId ?? '', forSeconds: Number(forSeconds), severity,
    emailTo: emails.split(/[,\s]+/).filter(Boolean),
  });
  const errors = fieldErrors(check?.error ?? create.error);
  return (
    <Card withBorder mb="md">
      <Title order={2} size="h4" mb="sm">{t('rules.new')}</Title>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(rule(), { onSuccess: () => setCheck(null) }); }}>
        <Group align="start">
          <Select label={t('rules.type')} data={TYPES} value={type} onChange={setType} error={errors.type} />
          <Select label={t('alerts.chain')} data={(chains.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={chainId} onChange={setChainId} error={errors.chainId} placeholder={t('rules.pickChain')} />
          <NumberInput label={t('rules.forSeconds')} value={forSeconds} onChange={setForSeconds} error={errors.forSeconds} />
          <TextInput label={t('alerts.severity')} value={severity} onChange={(e) => setSeverity(e.currentTarget.value)} error={errors.severity} />
          <TextInput label={t('rules.emailTo')} value={emails} onChange={(e) => setEmails(e.currentTarget.value)} error={errors.emailTo} w={260} />
        </Group>
        <Group mt="md">
          <Button variant="default" onClick={async () => {
            try { const r = (await validateRule(rule())) as { warnings?: string[] }; setCheck({ warnings: r.warnings ?? [] }); }
            catch (error) { setCheck({ error }); }
          }}>{t('rules.validate')}</Button>
          <Button variant="default" onClick={async () => {
            try { setCheck({ dry: await dryRunRule(rule()) }); } catch (error) { setCheck({ error }); }
          }}>{t('rules.dryRun')}</Button>
          <Button type="submit" loading={create.isPending}>{t('rules.create')}</Button>
        </Group>
        {check?.error != null && <ErrorState error={check.error} />}
        {check?.warnings && (
          <Alert variant="outline" mt="sm" color={check.warnings.length ? 'dark' : 'blue'} title={t('rules.valid')}>
            {check.warnings.map((w) => <Text key={w} size="sm">{w}</Text>)}
          </Alert>
        )}
        {check?.dry && <DryRunResult dry={check.dry as DryRunAnswer} />}
        {create.isError && Object.keys(errors).length === 0 && <ErrorState error={create.error} />}
      </form>
    </Card>
  );
}

export default function RulesPage() {
  const { t } = useTranslation();
  const rules = useRules();
  const chains = useChains();
  const chainName = (id: string) => chains.data?.find((c) => c.id === id)?.name ?? id;
  return (
    <>
      <Title order={1} mb="md">{t('nav.rules')}</Title>
      <Can role="operator"><RuleForm /></Can>
      <QueryState query={rules} empty={{ when: (d) => d.length === 0, title: t('rules.emptyTitle'), next: t('rules.emptyNext') }}>
        {(list) => (
          <Table striped data-testid="rules">
            <Table.Thead><Table.Tr><Table.Th>{t('rules.type')}</Table.Th><Table.Th>{t('alerts.chain')}</Table.Th><Table.Th>{t('rules.forSeconds')}</Table.Th>
              <Table.Th>{t('alerts.severity')}</Table.Th><Table.Th>{t('rules.emailTo')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{list.map((r) => (
              <Table.Tr key={r.id}><Table.Td>{r.type}</Table.Td><Table.Td>{chainName(r.chainId)}</Table.Td><Table.Td>{r.forSeconds ?? '—'}</Table.Td>
                <Table.Td>{r.severity}</Table.Td><Table.Td>{(r.emailTo ?? []).join(', ') || '—'}</Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}
