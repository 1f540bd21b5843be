import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** What went wrong, and what to do about it. */
export function ErrorState({ error, missing }: { error: unknown; missing?: string }) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : null;
  if (api?.endpointMissing) {
    return (
      <Alert color="gray" variant="outline" title={t('state.notAvailableTitle')} data-testid="not-available">
        {missing ?? t('state.notAvailable')}
      </Alert>
    );
  }
  const next = api == null ? t('state.retry')
    : api.status === 0 ? t('state.offline')
      : api.status === 403 ? t('state.forbidden')
        : api.status === 404 ? t('state.notFound')
          : api.status === 429 ? t('state.tooMany')
            : api.status >= 500 ? t('state.serverError') : t('state.retry');
  return (
    <Alert color="red" variant="outline" title={`${t('state.errorTitle')}${api ? ` (${api.status || 'network'})` : ''}`} role="alert">
      <Text size="sm">{api?.message ?? String(error)}</Text>
      <Text size="sm" mt={4}>{next}</Text>
    </Alert>
  );
}

/** Empty state: says what is missing and what to do next. */
export function Empty({ title, next, action }: { title: string; next: string; action?: ReactNode }) {
  return (
    <Stack align="center" gap={4} py="lg" data-testid="empty">
      <Text fw={600}>{title}</Text>
      <Text size="sm" c="dimmed" ta="center">{next}</Text>
      {action}
    </Stack>
  );
}

/** Loading, error or empty for a query; otherwise its children with the data. */
export function QueryState<D>({ query, empty, missing, children }: {
  query: UseQueryResult<D>;
  empty?: { when: (d: D) => boolean; title: string; next: string; action?: ReactNode };
  missing?: string;
  children: (data: D) => ReactNode;
}) {
  if (query.isPending) {
    return <Center py="lg"><Loader size="sm" aria-label="loading" /></Center>;
  }
  if (query.isError) return <ErrorState error={query.error} missing={missing} />;
  if (empty && empty.when(query.data)) return <Empty title={empty.title} next={empty.next} action={empty.action} />;
  return <>{children(query.data)}</>;
}
