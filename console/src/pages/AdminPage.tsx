import { Alert, Badge, Button, Card, Code, CopyButton, Group, Progress, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useApiKeys, useAudit, useCreateApiKey, useQuotas, useRevokeApiKey } from '../api/api';
import type { ApiKeyCreated } from '../api/responseTypes';
import { Can, usePerson } from '../auth/PersonContext';
import { Empty, ErrorState, QueryState } from '../components/QueryState';
import { Time } from '../components/Time';

/** The organization's quotas: each limit, what is used, how close it is; a platform admin's override marked. */
function QuotasTable({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const quotas = useQuotas(orgId);
  return (
    <QueryState query={quotas} missing={t('admin.noQuotasNext')}>
      {(q) => (
        <Table data-testid="quotas">
          <Table.Thead><Table.Tr><Table.Th>{t('admin.quota')}</Table.Th><Table.Th>{t('admin.used')}</Table.Th>
            <Table.Th>{t('admin.limit')}</Table.Th><Table.Th w={200} /></Table.Tr></Table.Thead>
          <Table.Tbody>{q.quotas.map((x) => {
            // a minimum (the shortest poll interval) has no share used
            const share = x.used != null && x.limit > 0 && x.name !== 'min-poll-interval-ms' ? Math.min(1, x.used / x.limit) : null;
            return (
              <Table.Tr key={x.name} data-testid={`quota-${x.name}`}>
                <Table.Td><Text size="sm">{t(`quotaNames.${x.name}`, { defaultValue: x.name })}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">{x.name}</Text></Table.Td>
                <Table.Td>{x.used ?? '—'}</Table.Td>
                <Table.Td>{x.limit}{x.overridden && <Badge ml="xs" size="xs" variant="outline" color="dark">{t('admin.overridden')}</Badge>}</Table.Td>
                <Table.Td>{share != null && (
                  <Progress value={share * 100} color={share >= 0.9 ? 'red' : 'blue'}
                    aria-label={t('admin.usedShare', { name: x.name, percent: Math.round(share * 100) })} />
                )}</Table.Td>
              </Table.Tr>
            );
          })}</Table.Tbody>
        </Table>
      )}
    </QueryState>
  );
}

function ApiKeys({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const keys = useApiKeys(orgId);
  const create = useCreateApiKey(orgId);
  const revoke = useRevokeApiKey(orgId);
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>('viewer');
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  return (
    <Stack>
      <Can role="org-admin">
        <Card withBorder>
          <form onSubmit={(e) => { e.preventDefault(); create.mutate({ name, role: role ?? 'viewer' }, { onSuccess: (k) => { setCreated(k); setName(''); } }); }}>
            <Group align="end">
              <TextInput label={t('common.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
              <Select label={t('admin.role')} data={['viewer', 'operator', 'org-admin']} value={role} onChange={setRole} />
              <Button type="submit" loading={create.isPending}>{t('admin.createKey')}</Button>
            </Group>
          </form>
          {create.isError && <ErrorState error={create.error} />}
          {created && (
            <Alert variant="outline" color="red" mt="md" title={t('admin.keyOnce')} data-testid="new-key" withCloseButton onClose={() => setCreated(null)}>
              <Group><Code>{created.key}</Code>
                <CopyButton value={created.key}>{({ copied, copy }) => <Button size="xs" variant="default" onClick={copy}>{copied ? t('admin.copied') : t('admin.copy')}</Button>}</CopyButton>
              </Group>
            </Alert>
          )}
        </Card>
      </Can>
      <QueryState query={keys} empty={{ when: (d) => d.length === 0, title: t('admin.noKeys'), next: t('admin.noKeysNext') }}>
        {(list) => (
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('common.name')}</Table.Th><Table.Th>{t('admin.prefix')}</Table.Th><Table.Th>{t('admin.role')}</Table.Th>
              <Table.Th>{t('common.created')}</Table.Th><Table.Th>{t('admin.lastUsed')}</Table.Th><Table.Th>{t('common.actions')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{list.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{k.name}</Table.Td><Table.Td><Code>{k.prefix}…</Code></Table.Td><Table.Td>{k.role}</Table.Td>
                <Table.Td><Time value={k.createdAt} /></Table.Td><Table.Td><Time value={k.lastUsedAt} /></Table.Td>
                <Table.Td>{k.revokedAt ? t('admin.revoked') : (
                  <Can role="org-admin"><Button size="xs" color="red" variant="outline" onClick={() => revoke.mutate(k.id)}>{t('admin.revoke')}</Button></Can>
                )}</Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}

function Audit() {
  const { t } = useTranslation();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [resourceType, setResourceType] = useState('');
  const audit = useAudit({ actor: actor || undefined, action: action || undefined, resourceType: resourceType || undefined });
  return (
    <>
      <Group mb="md">
        <TextInput label={t('admin.actor')} value={actor} onChange={(e) => setActor(e.currentTarget.value)} />
        <TextInput label={t('admin.action')} value={action} onChange={(e) => setAction(e.currentTarget.value)} />
        <TextInput label={t('admin.resourceType')} value={resourceType} onChange={(e) => setResourceType(e.currentTarget.value)} />
      </Group>
      <QueryState query={audit} missing={t('admin.auditMissing')}
        empty={{ when: (d) => d.length === 0, title: t('admin.noAudit'), next: t('admin.noAuditNext') }}>
        {(list) => (
          <Table striped data-testid="audit">
            <Table.Thead><Table.Tr><Table.Th>{t('admin.when')}</Table.Th><Table.Th>{t('admin.actor')}</Table.Th><Table.Th>{t('admin.action')}</Table.Th>
              <Table.Th>{t('admin.resourceType')}</Table.Th><Table.Th>{t('admin.resource')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{list.map((a) => (
              <Table.Tr key={String(a.id)}><Table.Td><Time value={a.at} /></Table.Td><Table.Td>{a.actor}</Table.Td><Table.Td>{a.action}</Table.Td>
                <Table.Td>{a.resourceType}</Table.Td><Table.Td ff="monospace">{a.resourceId ?? '—'}</Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}

export default function AdminPage() {
  const { t } = useTranslation();
  const person = usePerson();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'keys';
  return (
    <>
      <Title order={1} mb="md">{t('nav.admin')}</Title>
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'keys' ? { tab: v } : {})} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="keys">{t('admin.keys')}</Tabs.Tab>
          <Tabs.Tab value="audit">{t('admin.audit')}</Tabs.Tab>
          <Tabs.Tab value="quotas">{t('admin.quotas')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="keys">
          {person?.orgId ? <ApiKeys orgId={person.orgId} /> : <Empty title={t('admin.noOrg')} next={t('admin.noOrgNext')} />}
        </Tabs.Panel>
        <Tabs.Panel value="audit"><Audit /></Tabs.Panel>
        <Tabs.Panel value="quotas">
          {person?.orgId ? <QuotasTable orgId={person.orgId} /> : <Empty title={t('admin.noOrg')} next={t('admin.noOrgNext')} />}
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
