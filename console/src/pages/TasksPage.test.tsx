import { act, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import i18n from 'i18next';
import { en } from '../i18n/en';
import { zh } from '../i18n/zh';
import { TASK_KINDS, TASK_STEPS } from '../lib/taskNames';
import { renderAs } from '../test-utils';
import TaskPage from './TaskPage';
import TasksPage from './TasksPage';

const summary = (id: string, type: string, currentStep: string | null) => ({
  id, type, status: 'RUNNING', percent: 50, currentStep, actor: 'pat', orgId: 'org-1',
  createdAt: '2026-12-04T07:00:00Z', updatedAt: '2026-12-04T07:00:01Z',
});

afterEach(async () => { await act(() => i18n.changeLanguage('en')); });

test('every task kind and step the registry creates has a name in English and Chinese', () => {
  for (const kind of TASK_KINDS) {
    expect(en.taskKinds[kind]).toBeTruthy();
    expect((zh.taskKinds as Record<string, string>)[kind]).toBeTruthy();
  }
  for (const step of TASK_STEPS) {
    expect(en.taskSteps[step]).toBeTruthy();
    expect((zh.taskSteps as Record<string, string>)[step]).toBeTruthy();
  }
});

test('the task list shows kinds and steps by name, an unknown kind as it is', async () => {
  renderAs('viewer', <TasksPage />, {
    '/api/v1/tasks': [summary('t1', 'alliance.join', 'approve'), summary('t2', 'something.new', 'mystery')],
  });
  expect(await screen.findByText('Join alliance')).toBeInTheDocument();
  expect(screen.getByText('Wait for approval')).toBeInTheDocument();
  expect(screen.getByText('something.new')).toBeInTheDocument();
  expect(screen.getByText('mystery')).toBeInTheDocument();
  expect(screen.queryByText('alliance.join')).toBeNull();
});

test('the task page names its kind and steps, in Chinese too', async () => {
  await i18n.changeLanguage('zh');
  renderAs('viewer', <Routes><Route path="/tasks/:id" element={<TaskPage />} /></Routes>, {
    '/api/v1/tasks/t1': { ...summary('t1', 'business-chain.provision', 'createNetwork'), input: {}, approvals: [], log: [],
      steps: [{ seq: 1, stage: 0, name: 'createNetwork', status: 'DONE', attempts: 1 },
        { seq: 2, stage: 1, name: 'monitor', status: 'RUNNING', attempts: 1 }] },
  }, '/tasks/t1');
  expect(await screen.findByRole('heading', { name: '开通业务链' })).toBeInTheDocument();
  expect(screen.getByText('1. 创建网络')).toBeInTheDocument();
  expect(screen.getByText('2. 开始监控')).toBeInTheDocument();
  expect(screen.getByText('完成')).toBeInTheDocument();
});
