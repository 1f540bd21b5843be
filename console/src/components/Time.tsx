import { useTranslation } from 'react-i18next';
import { formatTime } from '../lib/format';

/** An instant in the browser's time zone, with the ISO value for machines and as a tooltip. */
export function Time({ value }: { value: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!value) return <span>—</span>;
  return (
    <time dateTime={value} title={value}>
      {formatTime(value, i18n.language === 'zh' ? 'zh-CN' : 'en-GB')}
    </time>
  );
}
