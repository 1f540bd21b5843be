// Human names of the registry task engine's task kinds and step names (registry alliance, platform, provisioning
// packages); an unknown kind or step shows as it is.
import type { TFunction } from 'i18next';

/** The registry's task kinds (TaskDefinition.type()). */
export const TASK_KINDS = ['alliance.create', 'alliance.join', 'alliance.leave', 'alliance.delete', 'platform.register',
  'business-chain.provision'] as const;

/** The registry's step names (StepPlan.name). */
export const TASK_STEPS = ['create', 'invite', 'notify', 'approve', 'execute', 'validate', 'probe', 'createNetwork',
  'joinNetwork', 'createChain', 'joinChain', 'monitor'] as const;

// the kinds contain dots, i18next's key separator: the tables are read whole and indexed
function lookup(t: TFunction, table: string, raw: string | null | undefined): string {
  if (!raw) return '—';
  const names = t(table, { returnObjects: true }) as unknown;
  const name = names && typeof names === 'object' ? (names as Record<string, unknown>)[raw] : undefined;
  return typeof name === 'string' ? name : raw;
}

export const taskKindName = (t: TFunction, kind: string | null | undefined) => lookup(t, 'taskKinds', kind);
export const taskStepName = (t: TFunction, step: string | null | undefined) => lookup(t, 'taskSteps', step);
