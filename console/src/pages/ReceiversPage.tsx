import { Button, Card, Group, Select, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateReceiver, useReceivers } from '../api/api';
import { Can } from '../auth/PersonContext';
import { fieldErrors } from '../components/FieldErrors';
import { ErrorState, QueryState } from '../components/QueryState';

function ReceiverForm() {
  const { t } = useTranslation();
  const create = useCreateReceiver();
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<string | null>('email');
  const [address, setAddress] = useState('');
  const errors = fieldErrors(create.error);
  return (
    <Card withBorder mb="md">
      <Title order={2} size="h4" mb="sm">{t('receivers.new')}</Title>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate({ name, channel: channel ?? '', address }, { onSuccess: () => { setName(''); setAddress(''); } }); }}>
        <Group align="start">
          <TextInput label={t('common.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <Select label={t('receivers.channel')} data={['email', 'sms', 'webhook', 'dingtalk', 'wecom', 'slack']} value={channel} onChange={setChannel} error={errors.channel} />
          <TextInput label={t('receivers.address')} value={address} onChange={(e) => setAddress(e.currentTarget.value)} error={errors.address} w={320} />
          <Button type="submit" mt={24} loading={create.isPending}>{t('receivers.create')}</Button>
        </Group>
        {create.isError && Object.keys(errors).length === 0 && <ErrorState error={create.error} />}
      </form>
    </Card>
  );
}

export default function ReceiversPage() {
  const { t } = useTranslation();
  const receivers = useReceivers();
  return (
    <>
      <Title order={1} mb="md">{t('nav.receivers')}</Title>
      <Can role="org-admin"><ReceiverForm /></Can>
      <QueryState query={receivers} empty={{ when: (d) => d.length === 0, title: t('receivers.emptyTitle'), next: t('receivers.emptyNext') }}>
        {(list) => (
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('common.name')}</Table.Th><Table.Th>{t('receivers.channel')}</Table.Th><Table.Th>{t('receivers.address')}</Table.Th><Table.Th>{t('receivers.enabled')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{list.map((r) => (
              <Table.Tr key={r.id}><Table.Td>{r.name}</Table.Td><Table.Td>{r.channel}</Table.Td><Table.Td>{r.address}</Table.Td><Table.Td>{r.enabled === false ? t('common.no') : t('common.yes')}</Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}
