import { Button, Card, Group, Modal, Select, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateReceiver, useReceivers, useTestReceiver, useUpdateReceiver } from '../api/api';
import type { Receiver } from '../api/responseTypes';
import { Can, useAllowed } from '../auth/PersonContext';
import { fieldErrors } from '../components/FieldErrors';
import { ErrorState, QueryState } from '../components/QueryState';

const CHANNELS = ['email', 'sms', 'webhook', 'dingtalk', 'wecom', 'slack'];
const FIELDS = ['name', 'channel', 'address'];

/** Name, channel and address, with the API's validation shown at each field; create and edit share it. */
function ReceiverFields({ initial, submitLabel, pending, error, onSubmit }: {
  initial: Receiver; submitLabel: string; pending: boolean; error: unknown; onSubmit: (r: Receiver) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial.name);
  const [channel, setChannel] = useState<string | null>(initial.channel);
  const [address, setAddress] = useState(initial.address);
  const [enabled, setEnabled] = useState(initial.enabled !== false);
  const errors = fieldErrors(error, FIELDS);
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSubmit({ ...initial, name, channel: channel ?? '', address, enabled }); }}>
      <Group align="start">
        <TextInput label={t('common.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        <Select label={t('receivers.channel')} data={CHANNELS} value={channel} onChange={setChannel} error={errors.channel} />
        <TextInput label={t('receivers.address')} value={address} onChange={(e) => setAddress(e.currentTarget.value)} error={errors.address} w={320} />
        {initial.id && <Switch mt={32} label={t('receivers.enabled')} checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />}
        <Button type="submit" mt={24} loading={pending}>{submitLabel}</Button>
      </Group>
      {Boolean(error) && Object.keys(errors).length === 0 && <ErrorState error={error} />}
    </form>
  );
}

function ReceiverForm() {
  const { t } = useTranslation();
  const create = useCreateReceiver();
  const [round, setRound] = useState(0);
  return (
    <Card withBorder mb="md">
      <Title order={2} size="h4" mb="sm">{t('receivers.new')}</Title>
      <ReceiverFields key={round} initial={{ name: '', channel: 'email', address: '' }} submitLabel={t('receivers.create')}
        pending={create.isPending} error={create.error}
        onSubmit={(r) => create.mutate(r, { onSuccess: () => setRound((n) => n + 1) })} />
    </Card>
  );
}

function EditReceiver({ receiver, onClose }: { receiver: Receiver; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateReceiver();
  return (
    <Modal opened onClose={onClose} title={t('receivers.editTitle', { name: receiver.name })} size="auto">
      {/* a URL is shown masked; sent back unchanged, the server keeps the stored one */}
      {receiver.channel !== 'email' && receiver.channel !== 'sms' && <Text size="sm" c="dimmed" mb="sm">{t('receivers.maskedHint')}</Text>}
      <ReceiverFields initial={receiver} submitLabel={t('receivers.save')} pending={update.isPending} error={update.error}
        onSubmit={(r) => update.mutate(r, { onSuccess: onClose })} />
    </Modal>
  );
}

function SendTest({ receiver }: { receiver: Receiver }) {
  const { t } = useTranslation();
  const test = useTestReceiver();
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="xs" variant="light" loading={test.isPending} onClick={() => test.mutate(receiver.id as string)}>{t('receivers.sendTest')}</Button>
      {test.isSuccess && (
        <Text size="sm" c="green.9" data-testid={`test-sent-${receiver.name}`}>
          {t('receivers.testSent', { ids: test.data.outboxIds.join(', ') })}
        </Text>
      )}
      {test.isError && <Text size="sm" c="red.9" role="alert">{test.error.message}</Text>}
    </Group>
  );
}

export default function ReceiversPage() {
  const { t } = useTranslation();
  const receivers = useReceivers();
  const [editing, setEditing] = useState<Receiver | null>(null);
  const admin = useAllowed('org-admin');
  const operator = useAllowed('operator');
  return (
    <>
      <Title order={1} mb="md">{t('nav.receivers')}</Title>
      <Can role="org-admin"><ReceiverForm /></Can>
      <QueryState query={receivers} empty={{ when: (d) => d.length === 0, title: t('receivers.emptyTitle'), next: t('receivers.emptyNext') }}>
        {(list) => (
          <Table striped data-testid="receivers">
            <Table.Thead><Table.Tr>
              <Table.Th>{t('common.name')}</Table.Th><Table.Th>{t('receivers.channel')}</Table.Th><Table.Th>{t('receivers.address')}</Table.Th>
              <Table.Th>{t('receivers.enabled')}</Table.Th>{(admin || operator) && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr></Table.Thead>
            <Table.Tbody>{list.map((r) => (
              <Table.Tr key={r.id} data-testid={`receiver-${r.name}`}>
                <Table.Td>{r.name}</Table.Td><Table.Td>{r.channel}</Table.Td><Table.Td>{r.address}</Table.Td>
                <Table.Td>{r.enabled === false ? t('common.no') : t('common.yes')}</Table.Td>
                {(admin || operator) && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {admin && <Button size="xs" variant="default" onClick={() => setEditing(r)}>{t('receivers.edit')}</Button>}
                      {operator && <SendTest receiver={r} />}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </QueryState>
      {editing && <EditReceiver receiver={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
