import { Center, Loader } from '@mantine/core';
import { Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';

// one file per page (pages/), all in the initial bundle (well under the 300 KB budget; a lazily loaded page chunk
// that never arrived once left a page on its loading indicator); only the chart library is loaded on demand
import OverviewPage from './pages/OverviewPage';
import ChainsPage from './pages/ChainsPage';
import ChainPage from './pages/ChainPage';
import NodePage from './pages/NodePage';
import AlertsPage from './pages/AlertsPage';
import RulesPage from './pages/RulesPage';
import ReceiversPage from './pages/ReceiversPage';
import ConsortiumPage from './pages/ConsortiumPage';
import TasksPage from './pages/TasksPage';
import TaskPage from './pages/TaskPage';
import AdminPage from './pages/AdminPage';
import NotFoundPage from './pages/NotFoundPage';

export function App() {
  return (
    <Suspense fallback={<Center h="100vh"><Loader aria-label="loading" /></Center>}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<OverviewPage />} />
          <Route path="chains" element={<ChainsPage />} />
          <Route path="chains/:id" element={<ChainPage />} />
          <Route path="nodes/:id" element={<NodePage />} />
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
