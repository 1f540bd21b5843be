import { Alert, Button, Card, Group, Modal, NumberInput, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dryRunRule, useChains, useCreateRule, useRules, useUpdateRule, validateRule } from '../api/api';
import type { Rule } from '../api/responseTypes';
import { Can, useAllowed } from '../auth/PersonContext';
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
const SEVERITIES = ['critical', 'warning', 'info'];
const OPERATORS = ['>', '>=', '<', '<=', '==', '!='];

/**
 * What a rule's own fields add to its type, in one line: "block.height > 50", "≥ 10 blocks", "mode always";
 * — when nothing.
 */
export function condition(r: Rule): string {
  if (r.type === 'threshold') return `${String(r.reading)} ${String(r.operator)} ${String(r.value)}`;
  if (r.type === 'lagging') return `≥ ${String(r.blocks)} blocks`;
  if (r.type === 'chain_stalled' && r.mode) return `mode ${String(r.mode)}`;
  return '—';
}

/**
 * The rule's fields with the API's validation shown at each; create and edit share it. An edit keeps every field
 * the form does not show (options, a rate rule's window) as the rule had it, and cannot change type or chain.
 */
function RuleFields({ initial, submitLabel, pending, error, onSubmit }: {
  initial: Rule; submitLabel: string; pending: boolean; error: unknown; onSubmit: (r: Rule, reset: () => void) => void;
}) {
  const { t } = useTranslation();
  const chains = useChains();
  const editing = Boolean(initial.id);
  const [type, setType] = useState<string | null>(initial.type);
  const [chainId, setChainId] = useState<string | null>(initial.chainId || null);
  const [forSeconds, setForSeconds] = useState<number | string>(initial.forSeconds ?? 30);
  const [severity, setSeverity] = useState<string | null>(initial.severity ?? 'critical');
  const [emails, setEmails] = useState((initial.emailTo ?? []).join(', '));
  const [reading, setReading] = useState(String(initial.reading ?? 'block.height'));
  const [operator, setOperator] = useState<string | null>(String(initial.operator ?? '>'));
  const [value, setValue] = useState<number | string>(Number(initial.value ?? 0));
  const [blocks, setBlocks] = useState<number | string>(Number(initial.blocks ?? 10));
  const [check, setCheck] = useState<{ error?: unknown; warnings?: string[]; dry?: Record<string, unknown> } | null>(null);
  const rule = (): Rule => {
    const r: Rule = {
      ...initial, type: type ?? '', chainId: chainId ?? '', forSeconds: Number(forSeconds), severity: severity ?? '',
      emailTo: emails.split(/[,\s]+/).filter(Boolean),
    };
    if (type === 'threshold') Object.assign(r, { reading, operator, value: Number(value) });
    if (type === 'lagging') Object.assign(r, { blocks: Number(blocks) });
    return r;
  };
  const errors = fieldErrors(check?.error ?? error);
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSubmit(rule(), () => setCheck(null)); }}>
      <Group align="start">
        <Select label={t('rules.type')} data={TYPES} value={type} onChange={setType} error={errors.type} disabled={editing} />
        <Select label={t('alerts.chain')} data={(chains.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={chainId} onChange={setChainId} error={errors.chainId} placeholder={t('rules.pickChain')} disabled={editing} />
        <NumberInput label={t('rules.forSeconds')} value={forSeconds} onChange={setForSeconds} error={errors.forSeconds} w={120} />
        <Select label={t('alerts.severity')} data={SEVERITIES} value={severity} onChange={setSeverity} error={errors.severity} w={130} />
        <TextInput label={t('rules.emailTo')} value={emails} onChange={(e) => setEmails(e.currentTarget.value)} error={errors.emailTo} w={260} />
      </Group>
      {type === 'threshold' && (
        <Group align="start" mt="sm">
          <TextInput label={t('rules.reading')} value={reading} onChange={(e) => setReading(e.currentTarget.value)} error={errors.reading} />
          <Select label={t('rules.operator')} data={OPERATORS} value={operator} onChange={setOperator} error={errors.operator} w={100} />
          <NumberInput label={t('rules.value')} value={value} onChange={setValue} error={errors.value} w={140} />
        </Group>
      )}
      {type === 'lagging' && (
        <Group align="start" mt="sm">
          <NumberInput label={t('rules.blocks')} value={blocks} onChange={setBlocks} error={errors.blocks} w={160} />
        </Group>
      )}
      <Group mt="md">
        <Button variant="default" onClick={async () => {
          try { const r = (await validateRule(rule())) as { warnings?: string[] }; setCheck({ warnings: r.warnings ?? [] }); }
          catch (err) { setCheck({ error: err }); }
        }}>{t('rules.validate')}</Button>
        <Button variant="default" onClick={async () => {
          try { setCheck({ dry: await dryRunRule(rule()) }); } catch (err) { setCheck({ error: err }); }
        }}>{t('rules.dryRun')}</Button>
        <Button type="submit" loading={pending}>{submitLabel}</Button>
      </Group>
      {check?.error != null && <ErrorState error={check.error} />}
      {check?.warnings && (
        <Alert variant="outline" mt="sm" color={check.warnings.length ? 'dark' : 'blue'} title={t('rules.valid')}>
          {check.warnings.map((w) => <Text key={w} size="sm">{w}</Text>)}
        </Alert>
      )}
      {check?.dry && <DryRunResult dry={check.dry as DryRunAnswer} />}
      {Boolean(error) && !check && Object.keys(errors).length === 0 && <ErrorState error={error} />}
    </form>
  );
}

function RuleForm() {
  const { t } = useTranslation();
  const create = useCreateRule();
  const [round, setRound] = useState(0);
  return (
    <Card withBorder mb="md">
      <Title order={2} size="h4" mb="sm">{t('rules.new')}</Title>
      <RuleFields key={round} initial={{ type: 'chain_stalled', chainId: '', forSeconds: 30, severity: 'critical', emailTo: [] }}
        submitLabel={t('rules.create')} pending={create.isPending} error={create.error}
        onSubmit={(r) => create.mutate(r, { onSuccess: () => setRound((n) => n + 1) })} />
    </Card>
  );
}

function EditRule({ rule, onClose }: { rule: Rule; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateRule();
  return (
    <Modal opened onClose={onClose} title={t('rules.editTitle', { type: rule.type })} size="auto">
      <Text size="sm" c="dimmed" mb="sm">{t('rules.editHint')}</Text>
      <RuleFields initial={rule} submitLabel={t('rules.save')} pending={update.isPending} error={update.error}
        onSubmit={(r, reset) => { reset(); update.mutate(r, { onSuccess: onClose }); }} />
    </Modal>
  );
}

export default function RulesPage() {
  const { t } = useTranslation();
  const rules = useRules();
  const chains = useChains();
  const chainName = (id: string) => chains.data?.find((c) => c.id === id)?.name ?? id;
  const [editing, setEditing] = useState<Rule | null>(null);
  const operator = useAllowed('operator');
  return (
    <>
      <Title order={1} mb="md">{t('nav.rules')}</Title>
      <Can role="operator"><RuleForm /></Can>
      <QueryState query={rules} empty={{ when: (d) => d.length === 0, title: t('rules.emptyTitle'), next: t('rules.emptyNext') }}>
        {(list) => (
          <Table striped data-testid="rules">
            <Table.Thead><Table.Tr><Table.Th>{t('rules.type')}</Table.Th><Table.Th>{t('rules.condition')}</Table.Th><Table.Th>{t('alerts.chain')}</Table.Th><Table.Th>{t('rules.forSeconds')}</Table.Th>
              <Table.Th>{t('alerts.severity')}</Table.Th><Table.Th>{t('rules.emailTo')}</Table.Th>{operator && <Table.Th>{t('common.actions')}</Table.Th>}</Table.Tr></Table.Thead>
            <Table.Tbody>{list.map((r) => (
              <Table.Tr key={r.id} data-testid={`rule-${r.id}`}><Table.Td>{r.type}</Table.Td><Table.Td>{condition(r)}</Table.Td><Table.Td>{chainName(r.chainId)}</Table.Td><Table.Td>{r.forSeconds ?? '—'}</Table.Td>
                <Table.Td>{r.severity}</Table.Td><Table.Td>{(r.emailTo ?? []).join(', ') || '—'}</Table.Td>
                {operator && <Table.Td><Button size="xs" variant="default" onClick={() => setEditing(r)}>{t('rules.edit')}</Button></Table.Td>}</Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </QueryState>
      {editing && <EditRule rule={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
