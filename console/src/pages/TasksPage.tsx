import { Anchor, SegmentedControl, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useTasks } from '../api/api';
import type { TaskStatus } from '../api/responseTypes';
import { QueryState } from '../components/QueryState';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';
import { taskKindName, taskStepName } from '../lib/taskNames';

export default function TasksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as TaskStatus | '';
  const tasks = useTasks(status || undefined);
  return (
    <>
      <Title order={1} mb="md">{t('nav.tasks')}</Title>
      <SegmentedControl mb="md" value={status || 'ALL'} aria-label={t('tasks.filter')}
        onChange={(v) => setParams(v === 'ALL' ? {} : { status: v })}
        data={['ALL', 'RUNNING', 'WAITING', 'SUCCEEDED', 'FAILED'].map((v) => ({ value: v, label: t(`status.${v}`, { defaultValue: v }) }))} />
      <QueryState query={tasks} empty={{ when: (d) => d.length === 0, title: t('tasks.emptyTitle'), next: t('tasks.emptyNext') }}>
        {(list) => (
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('tasks.type')}</Table.Th><Table.Th>{t('consortium.status')}</Table.Th><Table.Th>{t('tasks.step')}</Table.Th>
              <Table.Th>{t('tasks.actor')}</Table.Th><Table.Th>{t('tasks.updated')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{list.map((task) => (
              <Table.Tr key={task.id}>
                <Table.Td><Anchor component={Link} to={`/tasks/${task.id}`} title={task.type}>{taskKindName(t, task.type)}</Anchor></Table.Td>
                <Table.Td><StatusBadge value={task.status} /></Table.Td>
                <Table.Td>{taskStepName(t, task.currentStep)}</Table.Td>
                <Table.Td>{task.actor}</Table.Td>
                <Table.Td><Time value={task.updatedAt} /></Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}
