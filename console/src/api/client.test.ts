import { api, ApiError, READ_TIMEOUT_MS } from './client';

function answer(status: number, body: unknown) {
  globalThis.fetch = (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;
}

test('a problem answer becomes an ApiError with its detail and field errors', async () => {
  answer(400, { title: 'Invalid request', detail: 'Invalid request: forSeconds must be >= 1', errors: [{ field: 'forSeconds', message: 'must be >= 1' }] });
  const error = await api('/rules', { method: 'POST', body: '{}' }).catch((e: ApiError) => e) as ApiError & { problem: { errors: { field: string }[] } };
  expect(error).toBeInstanceOf(ApiError);
  expect(error.status).toBe(400);
  expect(error.message).toContain('forSeconds');
  expect(error.problem.errors[0].field).toBe('forSeconds');
  expect(error.endpointMissing).toBe(false);
});

test('a path no service serves is a missing endpoint, not a missing resource', async () => {
  answer(404, { title: 'Not Found', detail: 'No API at /api/v1/nodes/x/status.' });
  const missing = await api('/nodes/x/status').catch((e: ApiError) => e) as ApiError & { problem: { errors: { field: string }[] } };
  expect(missing.endpointMissing).toBe(true);
  answer(404, { title: 'Not Found', detail: 'No node 42.' });
  const notFound = await api('/nodes/42').catch((e: ApiError) => e) as ApiError & { problem: { errors: { field: string }[] } };
  expect(notFound.endpointMissing).toBe(false);
});

test('a read with no answer fails as a timeout instead of waiting for ever; a write is never cut off', async () => {
  vi.useFakeTimers();
  const signals: (AbortSignal | null | undefined)[] = [];
  globalThis.fetch = ((_url: RequestInfo | URL, init?: RequestInit) => {
    signals.push(init?.signal);
    return new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    });
  }) as typeof fetch;
  const read = api('/chains').catch((e: ApiError) => e);
  await vi.advanceTimersByTimeAsync(READ_TIMEOUT_MS + 10);
  const error = await read as ApiError;
  expect(error).toBeInstanceOf(ApiError);
  expect(error.problem.title).toBe('Timeout');
  void api('/rules', { method: 'POST', body: '{}' });
  expect(signals[1]).toBeUndefined();
  vi.useRealTimers();
});
