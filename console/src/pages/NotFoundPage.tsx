import { Anchor, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Empty } from '../components/QueryState';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1}>{t('notFound.title')}</Title>
      <Empty title={t('notFound.title')} next={t('notFound.next')} action={<Anchor component={Link} to="/">{t('nav.overview')}</Anchor>} />
    </>
  );
}
