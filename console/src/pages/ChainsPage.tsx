import { Anchor, Button, Card, Group, Select, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useChains, useCreateChain, useOrganizations } from '../api/api';
import { Can, usePerson } from '../auth/PersonContext';
import { ErrorState, QueryState } from '../components/QueryState';
import { Time } from '../components/Time';

function NewChain() {
  const { t } = useTranslation();
  const person = usePerson();
  const orgs = useOrganizations();
  const create = useCreateChain();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [platform, setPlatform] = useState<string | null>('ETHEREUM');
  const [orgId, setOrgId] = useState<string | null>(person?.orgId ?? null);
  return (
    <Card withBorder mb="md">
      <Title order={2} size="h4" mb="sm">{t('chains.register')}</Title>
      <form onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ orgId: orgId ?? '', name, platform: platform ?? 'ETHEREUM' },
          { onSuccess: (c) => navigate(`/chains/${c.id}`) });
      }}>
        <Group align="end">
          {person?.role === 'platform-admin' && (
            <Select label={t('common.organization')} data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              value={orgId} onChange={setOrgId} />
          )}
          <TextInput label={t('common.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
          <Select label={t('chains.platform')} data={['ETHEREUM', 'FABRIC']} value={platform} onChange={setPlatform} />
          <Button type="submit" loading={create.isPending}>{t('chains.registerButton')}</Button>
        </Group>
        {create.isError && <ErrorState error={create.error} />}
      </form>
    </Card>
  );
}

export default function ChainsPage() {
  const { t } = useTranslation();
  const chains = useChains();
  return (
    <>
      <Title order={1} mb="md">{t('nav.chains')}</Title>
      <Can role="operator"><NewChain /></Can>
      <QueryState query={chains} empty={{ when: (d) => d.length === 0, title: t('chains.emptyTitle'), next: t('chains.emptyNext') }}>
        {(list) => (
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('common.name')}</Table.Th><Table.Th>{t('chains.platform')}</Table.Th><Table.Th>{t('common.created')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td><Anchor component={Link} to={`/chains/${c.id}`}>{c.name}</Anchor></Table.Td>
                  <Table.Td>{c.platform}</Table.Td>
                  <Table.Td><Time value={c.createdAt} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}
