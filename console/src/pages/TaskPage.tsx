import { Alert, Card, Group, Progress, Table, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useTask } from '../api/api';
import { QueryState } from '../components/QueryState';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';
import { taskKindName, taskStepName } from '../lib/taskNames';

export default function TaskPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const task = useTask(id);
  return (
    <QueryState query={task}>
      {(k) => (
        <>
          <Group mb="md"><Title order={1} title={k.type}>{taskKindName(t, k.type)}</Title><span data-testid="task-status"><StatusBadge value={k.status} /></span></Group>
          <Progress value={k.percent} mb="xs" aria-label={t('tasks.progress')} />
          <Text size="sm" mb="md">{t('tasks.percent', { percent: k.percent })} · {t('common.created')} <Time value={k.createdAt} />
            {k.finishedAt && <> · {t('tasks.finished')} <Time value={k.finishedAt} /></>}</Text>
          {k.error && <Alert variant="outline" color="red" title={t('tasks.failed')} mb="md">{k.error}</Alert>}
          <Card withBorder mb="md">
            <Title order={2} size="h4" mb="sm">{t('tasks.steps')}</Title>
            <Timeline active={k.steps.filter((s) => s.status === 'SUCCEEDED').length - 1} bulletSize={18}>
              {k.steps.map((s) => (
                <Timeline.Item key={s.seq} title={`${s.seq}. ${taskStepName(t, s.name)}`}>
                  <Group gap="xs"><StatusBadge value={s.status} />{s.attempts > 1 && <Text size="xs">{t('tasks.attempts', { count: s.attempts })}</Text>}</Group>
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
          {k.approvals.length > 0 && (
            <Card withBorder mb="md">
              <Title order={2} size="h4" mb="sm">{t('tasks.approvals')}</Title>
              <Table><Table.Tbody>{k.approvals.map((a) => <Table.Tr key={a.orgId}><Table.Td ff="monospace">{a.orgId}</Table.Td><Table.Td>{a.decision}</Table.Td></Table.Tr>)}</Table.Tbody></Table>
            </Card>
          )}
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">{t('tasks.log')}</Title>
            <Table><Table.Tbody>{k.log.map((l, i) => (
              <Table.Tr key={i}><Table.Td><Time value={l.at} /></Table.Td><Table.Td>{l.level}</Table.Td><Table.Td>{l.message}</Table.Td></Table.Tr>
            ))}</Table.Tbody></Table>
          </Card>
        </>
      )}
    </QueryState>
  );
}
