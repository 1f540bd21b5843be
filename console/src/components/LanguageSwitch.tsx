import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <SegmentedControl size="xs" aria-label={t('common.language')} value={i18n.language === 'zh' ? 'zh' : 'en'}
      onChange={(v) => { void i18n.changeLanguage(v); localStorage.setItem('chainwatch.lang', v); document.documentElement.lang = v; }}
      data={[{ value: 'en', label: 'English' }, { value: 'zh', label: '中文' }]} />
  );
}
