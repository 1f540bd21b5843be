// Server state through TanStack Query: one hook per read, one mutation per action. Pages use only these.
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { api, del, get, post, put, query } from './client';
import type * as T from './responseTypes';

/** How often live data (alerts, node state, running tasks) is read again. */
export const LIVE_MS = 2000;

function useGet<R>(key: unknown[], path: string | null, options: Partial<UseQueryOptions<R>> = {}) {
  return useQuery<R>({ queryKey: key, queryFn: () => get<R>(path as string), enabled: path !== null, ...options });
}

// organizations, chains, nodes
export const useOrganizations = () => useGet<T.Organization[]>(['organizations'], '/organizations');
export const useChains = (orgId?: string) => useGet<T.Chain[]>(['chains', orgId], `/chains${query({ orgId })}`);
export const useChain = (id: string) => useGet<T.Chain>(['chain', id], `/chains/${id}`);
export const useNodes = (chainId?: string) =>
  useGet<T.Node[]>(['nodes', chainId], `/nodes${query({ chainId })}`, { refetchInterval: LIVE_MS * 5 });
export const useChainStatus = (id: string) =>
  useGet<T.ChainStatus>(['chain-status', id], `/chains/${id}/status`, { refetchInterval: LIVE_MS, retry: false });

export const useNode = (id: string) => useGet<T.Node>(['node', id], `/nodes/${id}`);
export const useNodeStatus = (id: string) =>
  useGet<T.NodeStatus>(['node-status', id], `/nodes/${id}/status`, { refetchInterval: LIVE_MS, retry: false });
/** One node's history, shaped as a chain's of one node (so the chain's charts draw it). */
export const useNodeHistory = (id: string) =>
  useQuery<T.ChainHistory>({
    queryKey: ['node-history', id], refetchInterval: LIVE_MS * 5, retry: false,
    queryFn: async () => {
      const h = await get<T.NodeHistory>(`/nodes/${id}/history`);
      return { chainId: '', name: h.name, from: '', to: '', bucketSeconds: 10, nodes: [h] };
    },
  });

/** Height, block interval, TPS and peers of the chain's nodes over the last hour, refreshed with each bucket. */
export const useChainHistory = (id: string) =>
  useGet<T.ChainHistory>(['chain-history', id], `/chains/${id}/history`, { refetchInterval: LIVE_MS * 5, retry: false });

/** The chain's availability over the last {@code hours} (to is now; from rounded to the minute). */
export const useChainAvailability = (id: string, hours: number) =>
  useGet<T.AvailabilityReport>(['chain-availability', id, hours],
    `/chains/${id}/availability${query({ from: new Date(Math.floor((Date.now() - hours * 3_600_000) / 60_000) * 60_000).toISOString() })}`,
    { refetchInterval: LIVE_MS * 15 });

/**
 * PUT /chains/{id}/availability-objective with the chain's version as If-Match (a 412 when someone changed the chain
 * meanwhile); objective null removes it.
 */
export function useSetAvailabilityObjective(chainId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ objective, version }: { objective: number | null; version: number }) =>
      api<T.Chain>(`/chains/${chainId}/availability-objective`,
        { method: 'PUT', headers: { 'If-Match': `"${version}"` }, body: JSON.stringify({ objective }) }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['chain', chainId] });
      qc.invalidateQueries({ queryKey: ['chain-availability', chainId] });
    },
  });
}

/** One chain's firing episodes started in the last {@code hours}. */
export const useChainAlertHistory = (chainId: string, hours: number) =>
  useGet<T.AlertHistoryEntry[]>(['alerts', 'history', chainId, hours], `/alerts/history${query({ chainId, hours })}`,
    { refetchInterval: LIVE_MS * 15 });

export function useCreateChain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { orgId: string; name: string; platform: string }) => post<T.Chain>('/chains', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['chains'] }),
  });
}

export function useCreateNode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { chainId: string; name: string; rpcUrl: string; pollIntervalMs: number }) =>
      post<T.Node>('/nodes', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['nodes'] }),
  });
}

// alerts, silences
export const useCurrentAlerts = (chainId?: string) =>
  useGet<T.Alert[]>(['alerts', 'current', chainId], `/alerts/current${query({ chainId })}`, { refetchInterval: LIVE_MS });
export const useAlerts = (status?: T.AlertStatus) =>
  useGet<T.Alert[]>(['alerts', 'list', status], `/alerts${query({ status })}`, { refetchInterval: LIVE_MS });
export const usePendingAlerts = () =>
  useGet<Record<string, string>>(['alerts', 'pending'], '/alerts/pending', { refetchInterval: LIVE_MS });
export const useAlertHistory = (hours = 24) =>
  useGet<T.AlertHistoryEntry[]>(['alerts', 'history', hours], `/alerts/history${query({ hours })}`);
export const useAlertStats = (hours = 24) =>
  useGet<T.ResponseStats[]>(['alerts', 'stats', hours], `/alerts/stats${query({ hours })}`);
export const useSilences = () => useGet<T.Silence[]>(['silences'], '/silences', { refetchInterval: LIVE_MS * 5 });

export function useAcknowledge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ fingerprint, by }: { fingerprint: string; by: string }) =>
      post<T.Alert>(`/alerts/${encodeURIComponent(fingerprint)}/acknowledge`, { by }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['alerts'] }),
  });
}

export function useCreateSilence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (silence: T.Silence) => post<T.Silence>('/silences', silence),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['silences'] }),
  });
}

export function useExpireSilence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => del<void>(`/silences/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['silences'] }),
  });
}

// rules, receivers
export const useRules = () => useGet<T.Rule[]>(['rules'], '/rules');
export const useReceivers = () => useGet<T.Receiver[]>(['receivers'], '/receivers');
export const validateRule = (rule: T.Rule) => post<unknown>('/rules/validate', rule);
export const dryRunRule = (rule: T.Rule) => post<Record<string, unknown>>('/rules/dry-run', rule);

export function useCreateRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rule: T.Rule) => post<T.Rule>('/rules', rule),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['rules'] }),
  });
}

/** PUT /rules/{id}: the rule replaced (type and chain fixed by the server). */
export function useUpdateRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rule: T.Rule) => put<T.Rule>(`/rules/${rule.id}`, rule),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['rules'] }),
  });
}

export function useCreateReceiver() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (receiver: T.Receiver) => post<T.Receiver>('/receivers', receiver),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['receivers'] }),
  });
}

export function useUpdateReceiver() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (receiver: T.Receiver) => put<T.Receiver>(`/receivers/${receiver.id}`, receiver),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['receivers'] }),
  });
}

/** POST /receivers/{id}/test: one test message through the outbox (202 with the outbox ids). */
export const useTestReceiver = () =>
  useMutation({ mutationFn: (id: string) => post<T.ReceiverTestSent>(`/receivers/${id}/test`) });

// consortium
export const useAlliances = () => useGet<T.Alliance[]>(['alliances'], '/alliances');
export const useBusinessChains = () => useGet<T.BusinessChain[]>(['business-chains'], '/business-chains');
export const usePlatforms = () => useGet<T.Platform[]>(['platforms'], '/platforms');

export function useJoinAlliance() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ allianceId, orgId }: { allianceId: string; orgId?: string }) =>
      post<T.TaskAccepted>(`/alliances/${allianceId}/join-requests`, { orgId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tasks'] }),
  });
}

/** POST /alliances: created by a task (202 with its id); the invited organizations answer the invitation. */
export function useCreateAlliance() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; platform: string; creatorOrgId: string; invitedOrgIds: string[] }) =>
      post<T.TaskAccepted>('/alliances', body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['tasks'] });
      qc.invalidateQueries({ queryKey: ['alliances'] });
    },
  });
}

/** POST /alliances/{id}/invitations/{orgId}: the invited organization accepts or declines. */
export function useAnswerInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ allianceId, orgId, accept }: { allianceId: string; orgId: string; accept: boolean }) =>
      post<T.Alliance>(`/alliances/${allianceId}/invitations/${orgId}`, { accept }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['alliances'] }),
  });
}

/** Every quota of the organization with its limit and usage (the gateway asks each service). */
export const useQuotas = (orgId: string) => useGet<T.Quotas>(['quotas', orgId], `/organizations/${orgId}/quotas`);

// tasks
export const useTasks = (status?: T.TaskStatus) =>
  useGet<T.TaskSummary[]>(['tasks', status], `/tasks${query({ status, size: 50 })}`, { refetchInterval: LIVE_MS });
export const useTask = (id: string) =>
  useQuery<T.Task>({
    queryKey: ['task', id], queryFn: () => get<T.Task>(`/tasks/${id}`),
    // live until the task has ended
    refetchInterval: (q) => (q.state.data && ['SUCCEEDED', 'FAILED'].includes(q.state.data.status) ? false : LIVE_MS),
  });

export function useDecideTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, orgId, decision }: { id: string; orgId?: string; decision: 'APPROVE' | 'REJECT' }) =>
      post<T.Task>(`/tasks/${id}/approvals`, { orgId, decision }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['tasks'] });
      qc.invalidateQueries({ queryKey: ['task'] });
      qc.invalidateQueries({ queryKey: ['alliances'] });
    },
  });
}

// administration
export const useApiKeys = (orgId: string | null) =>
  useGet<T.ApiKey[]>(['api-keys', orgId], orgId ? `/organizations/${orgId}/api-keys` : null);

export function useCreateApiKey(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; role: string }) => post<T.ApiKeyCreated>(`/organizations/${orgId}/api-keys`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useRevokeApiKey(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => del<void>(`/organizations/${orgId}/api-keys/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export const useAudit = (filters: { actor?: string; action?: string; resourceType?: string }) =>
  useGet<T.AuditEntry[]>(['audit', filters], `/audit${query({ ...filters, size: 100 })}`);
