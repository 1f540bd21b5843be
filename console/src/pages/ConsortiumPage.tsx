import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  useAlliances, useAnswerInvitation, useBusinessChains, useCreateAlliance, useDecideTask, useJoinAlliance, usePlatforms, useTasks,
} from '../api/api';
import type { Alliance } from '../api/responseTypes';
import { fieldErrors } from '../components/FieldErrors';
import { Can, usePerson } from '../auth/PersonContext';
import { ErrorState, QueryState } from '../components/QueryState';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';
import { shortId } from '../lib/format';
import { taskKindName } from '../lib/taskNames';

function JoinRequests() {
  const { t } = useTranslation();
  const person = usePerson();
  const waiting = useTasks('WAITING');
  const decide = useDecideTask();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">{t('consortium.requests')}</Title>
      {decide.isError && <ErrorState error={decide.error} />}
      <QueryState query={waiting} empty={{ when: (d) => d.length === 0, title: t('consortium.noRequests'), next: t('consortium.noRequestsNext') }}>
        {(list) => (
          <Table data-testid="join-requests">
            <Table.Thead><Table.Tr><Table.Th>{t('tasks.type')}</Table.Th><Table.Th>{t('consortium.requester')}</Table.Th><Table.Th>{t('common.created')}</Table.Th><Table.Th>{t('common.actions')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{list.map((task) => (
              <Table.Tr key={task.id}>
                <Table.Td><Anchor component={Link} to={`/tasks/${task.id}`} title={task.type}>{taskKindName(t, task.type)}</Anchor></Table.Td>
                <Table.Td>{shortId(task.orgId)}</Table.Td>
                <Table.Td><Time value={task.createdAt} /></Table.Td>
                <Table.Td>
                  {task.orgId !== person?.orgId && (
                    <Can role="org-admin">
                      <Group gap="xs">
                        <Button size="xs" onClick={() => decide.mutate({ id: task.id, decision: 'APPROVE' })}>{t('consortium.approve')}</Button>
                        <Button size="xs" color="red" variant="outline" onClick={() => decide.mutate({ id: task.id, decision: 'REJECT' })}>{t('consortium.reject')}</Button>
                      </Group>
                    </Can>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Card>
  );
}

function JoinForm() {
  const { t } = useTranslation();
  const join = useJoinAlliance();
  const [id, setId] = useState('');
  return (
    <form onSubmit={(e) => { e.preventDefault(); join.mutate({ allianceId: id.trim() }); }}>
      <Group align="end" mt="md">
        <TextInput label={t('consortium.allianceId')} value={id} onChange={(e) => setId(e.currentTarget.value)} w={340} required />
        <Button type="submit" loading={join.isPending}>{t('consortium.requestJoin')}</Button>
      </Group>
      {join.isSuccess && <Text size="sm" mt="xs">{t('consortium.requested')} <Anchor component={Link} to={`/tasks/${join.data?.taskId}`}>{t('consortium.followTask')}</Anchor></Text>}
      {join.isError && <ErrorState error={join.error} />}
    </form>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new alliance of the caller's organization, inviting other organizations by id; created by a task. */
function CreateAllianceForm() {
  const { t } = useTranslation();
  const person = usePerson();
  const create = useCreateAlliance();
  const [name, setName] = useState('');
  const [platform, setPlatform] = useState<string | null>('FABRIC');
  const [invited, setInvited] = useState('');
  const ids = invited.split(/[,\s]+/).filter(Boolean);
  const bad = ids.find((id) => !UUID.test(id));
  const errors = fieldErrors(create.error, ['name', 'platform', 'invitedOrgIds']);
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      if (bad || !person?.orgId) return;
      create.mutate({ name, platform: platform ?? '', creatorOrgId: person.orgId, invitedOrgIds: ids },
        { onSuccess: () => { setName(''); setInvited(''); } });
    }}>
      <Group align="start" mt="md">
        <TextInput label={t('consortium.newAllianceName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required error={errors.name} />
        <Select label={t('chains.platform')} data={['FABRIC', 'ETHEREUM']} value={platform} onChange={setPlatform} w={140} error={errors.platform} />
        <TextInput label={t('consortium.invite')} description={t('consortium.inviteHint')} value={invited} w={380}
          onChange={(e) => setInvited(e.currentTarget.value)} error={bad ? t('consortium.notAnOrgId', { value: bad }) : errors.invitedOrgIds} />
        <Button type="submit" mt={24} loading={create.isPending} disabled={Boolean(bad)}>{t('consortium.createAlliance')}</Button>
      </Group>
      {create.isSuccess && <Text size="sm" mt="xs">{t('consortium.creating')} <Anchor component={Link} to={`/tasks/${create.data?.taskId}`}>{t('consortium.followTask')}</Anchor></Text>}
      {Boolean(create.error) && Object.keys(errors).length === 0 && <ErrorState error={create.error} />}
    </form>
  );
}

/** Alliances that invited the caller's organization: accept or decline. */
function Invitations({ alliances }: { alliances: Alliance[] }) {
  const { t } = useTranslation();
  const person = usePerson();
  const answer = useAnswerInvitation();
  const mine = alliances.filter((a) => a.members.some((m) => m.orgId === person?.orgId && m.status === 'INVITED'));
  if (mine.length === 0) return null;
  return (
    <Card withBorder data-testid="invitations">
      <Title order={2} size="h4" mb="sm">{t('consortium.invitations')}</Title>
      {answer.isError && <ErrorState error={answer.error} />}
      <Table><Table.Tbody>{mine.map((a) => (
        <Table.Tr key={a.id}>
          <Table.Td>{a.name}</Table.Td><Table.Td>{t('consortium.invitedBy', { org: shortId(a.creatorOrgId) })}</Table.Td>
          <Table.Td>
            <Can role="org-admin">
              <Group gap="xs">
                <Button size="xs" onClick={() => answer.mutate({ allianceId: a.id, orgId: person!.orgId as string, accept: true })}>{t('consortium.accept')}</Button>
                <Button size="xs" color="red" variant="outline" onClick={() => answer.mutate({ allianceId: a.id, orgId: person!.orgId as string, accept: false })}>{t('consortium.decline')}</Button>
              </Group>
            </Can>
          </Table.Td>
        </Table.Tr>
      ))}</Table.Tbody></Table>
    </Card>
  );
}

export default function ConsortiumPage() {
  const { t } = useTranslation();
  const alliances = useAlliances();
  const businessChains = useBusinessChains();
  const platforms = usePlatforms();
  return (
    <>
      <Title order={1} mb="md">{t('nav.consortium')}</Title>
      <Stack>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">{t('consortium.alliances')}</Title>
          <QueryState query={alliances} empty={{ when: (d) => d.length === 0, title: t('consortium.noAlliances'), next: t('consortium.noAlliancesNext') }}>
            {(list) => (
              <Table data-testid="alliances">
                <Table.Thead><Table.Tr><Table.Th>{t('common.name')}</Table.Th><Table.Th>{t('chains.platform')}</Table.Th><Table.Th>{t('consortium.status')}</Table.Th><Table.Th>{t('consortium.members')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>{list.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.name}<Text size="xs" c="dimmed" ff="monospace">{a.id}</Text></Table.Td>
                    <Table.Td>{a.platform}</Table.Td>
                    <Table.Td><StatusBadge value={a.status} /></Table.Td>
                    <Table.Td><Group gap={4}>{a.members.map((m) => <Badge key={m.orgId} variant="outline" color="dark">{shortId(m.orgId)} · {m.role} · {m.status}</Badge>)}</Group></Table.Td>
                  </Table.Tr>
                ))}</Table.Tbody>
              </Table>
            )}
          </QueryState>
          <Can role="org-admin"><JoinForm /><CreateAllianceForm /></Can>
        </Card>
        {alliances.data && <Invitations alliances={alliances.data} />}
        <JoinRequests />
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">{t('consortium.businessChains')}</Title>
            <QueryState query={businessChains} empty={{ when: (d) => d.length === 0, title: t('consortium.noBusinessChains'), next: t('consortium.noBusinessChainsNext') }}>
              {(list) => (
                <Table><Table.Tbody>{list.map((b) => (
                  <Table.Tr key={b.id}><Table.Td>{b.name}</Table.Td><Table.Td>{b.createMode}</Table.Td><Table.Td>{t('consortium.memberCount', { count: b.memberOrgIds.length })}</Table.Td></Table.Tr>
                ))}</Table.Tbody></Table>
              )}
            </QueryState>
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">{t('consortium.platforms')}</Title>
            <QueryState query={platforms} empty={{ when: (d) => d.length === 0, title: t('consortium.noPlatforms'), next: t('consortium.noPlatformsNext') }}>
              {(list) => (
                <Table><Table.Tbody>{list.map((p) => (
                  <Table.Tr key={p.id}><Table.Td>{p.name}</Table.Td><Table.Td>{p.baseUrl}</Table.Td><Table.Td><StatusBadge value={p.status} /></Table.Td></Table.Tr>
                ))}</Table.Tbody></Table>
              )}
            </QueryState>
          </Card>
        </SimpleGrid>
      </Stack>
    </>
  );
}
