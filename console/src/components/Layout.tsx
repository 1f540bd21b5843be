import { AppShell, Badge, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router-dom';
import { usePerson } from '../auth/PersonContext';
import { signOut } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';

const NAV = [
  ['/', 'overview'], ['/chains', 'chains'], ['/alerts', 'alerts'], ['/rules', 'rules'], ['/receivers', 'receivers'],
  ['/consortium', 'consortium'], ['/tasks', 'tasks'], ['/admin', 'admin'],
] as const;

export function Layout() {
  const { t } = useTranslation();
  const person = usePerson();
  const location = useLocation();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={2} size="h3">ChainWatch</Title>
          <Group>
            <LanguageSwitch />
            {person && (
              <>
                <Text size="sm" data-testid="person">{person.name}</Text>
                <Badge variant="outline" color="dark">{t(`roles.${person.role}`)}</Badge>
                <Button size="xs" variant="default" onClick={() => void signOut()}>{t('nav.signOut')}</Button>
              </>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        {NAV.map(([path, key]) => (
          <NavLink key={path} component={RouterLink} to={path} label={t(`nav.${key}`)} variant="filled"
            active={path === '/' ? location.pathname === '/' : location.pathname.startsWith(path)} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main><Outlet /></AppShell.Main>
    </AppShell>
  );
}
