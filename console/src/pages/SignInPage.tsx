import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { signIn } from '../auth/session';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** Shown to a person who is not signed in, at whatever URL they opened; sign-in returns them there. */
export default function SignInPage({ problem }: { problem?: string }) {
  const { t } = useTranslation();
  return (
    <Center h="100vh" component="main">
      <Paper withBorder p="xl" w={420}>
        <Stack>
          <Title order={1}>ChainWatch</Title>
          <Text>{t('signIn.intro')}</Text>
          {problem && <Text c="red.9" role="alert">{problem}</Text>}
          <Button onClick={() => signIn(window.location.pathname + window.location.search)}>{t('signIn.button')}</Button>
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  );
}
