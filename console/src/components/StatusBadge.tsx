import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  FIRING: 'red', PENDING: 'yellow', ACKNOWLEDGED: 'blue', RESOLVED: 'green',
  RUNNING: 'blue', WAITING: 'yellow', SUCCEEDED: 'green', FAILED: 'red', DONE: 'green', COMPENSATED: 'gray',
  UP: 'green', OK: 'green', HEALTHY: 'green', ERRORING: 'orange', UNREACHABLE: 'red', STALLED: 'red', NO_DATA: 'gray', UNSUPPORTED: 'gray',
  ACTIVE: 'green', INVITED: 'yellow', critical: 'red', warning: 'yellow', info: 'blue',
};

/** A state as a coloured badge with its translated name (the colour is never the only cue). */
export function StatusBadge({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return <Badge color="gray" variant="outline">—</Badge>;
  return (
    // never narrower than its word: in a table, Mantine's ellipsis let the column shrink it to "CRITI..."
    <Badge color={COLORS[value] ?? 'gray'} variant="filled" autoContrast style={{ minWidth: 'max-content' }}>
      {t(`status.${value}`, { defaultValue: value })}
    </Badge>
  );
}
