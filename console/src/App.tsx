import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';

// one file per page (pages/), each loaded when first opened: the initial JavaScript stays small
const OverviewPage = lazy(() => import('./pages/OverviewPage'));
const ChainsPage = lazy(() => import('./pages/ChainsPage'));
const ChainPage = lazy(() => import('./pages/ChainPage'));
const AlertsPage = lazy(() => import('./pages/AlertsPage'));
const RulesPage = lazy(() => import('./pages/RulesPage'));
const ReceiversPage = lazy(() => import('./pages/ReceiversPage'));
const ConsortiumPage = lazy(() => import('./pages/ConsortiumPage'));
const TasksPage = lazy(() => import('./pages/TasksPage'));
const TaskPage = lazy(() => import('./pages/TaskPage'));
const AdminPage = lazy(() => import('./pages/AdminPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

export function App() {
  return (
    <Suspense fallback={<Center h="100vh"><Loader aria-label="loading" /></Center>}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<OverviewPage />} />
          <Route path="chains" element={<ChainsPage />} />
          <Route path="chains/:id" element={<ChainPage />} />
          <Route path="alerts" element={<AlertsPage />} />
          <Route path="rules" element={<RulesPage />} />
          <Route path="receivers" element={<ReceiversPage />} />
          <Route path="consortium" element={<ConsortiumPage />} />
          <Route path="tasks" element={<TasksPage />} />
          <Route path="tasks/:id" element={<TaskPage />} />
          <Route path="admin" element={<AdminPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
