import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import type { Role } from './api/responseTypes';
import { PersonProvider } from './auth/PersonContext';
import { initI18n } from './i18n';

initI18n('en');

/** A route's answer that is an RFC 9457 problem with this status. */
export class Problem {
  constructor(readonly status: number, readonly body: Record<string, unknown>) {}
}

/** Renders as the console does, signed in with {@code role}, with fetch answering from {@code routes}. */
export function renderAs(role: Role, ui: ReactNode, routes: Record<string, unknown> = {}, path = '/') {
  const calls: { method: string; url: string; body?: unknown; headers: Record<string, string> }[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: Object.fromEntries(new Headers(init?.headers).entries()) });
    // a route answers its own path, with or without a query string ('/api/v1/chains/c1' is not '.../c1/status')
    const matches = (k: string, target: string) => target === k || target.startsWith(`${k}?`) || (k.includes('?') && target.startsWith(k));
    const key = Object.keys(routes).find((k) => matches(k, `${method} ${url}`) || matches(k, url));
    if (!key) {
      return new Response(JSON.stringify({ status: 404, title: 'Not Found', detail: `No API at ${url}.` }), { status: 404 });
    }
    const answer = routes[key];
    if (answer instanceof Problem) {
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/problem+json' } });
    }
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <MantineProvider>
      <PersonProvider person={{ subject: 'p', name: 'pat', role, orgId: 'org-1', accessToken: 't' }}>
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
        </QueryClientProvider>
      </PersonProvider>
    </MantineProvider>,
  );
  return { ...result, calls };
}
