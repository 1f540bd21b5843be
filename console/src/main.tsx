import '@mantine/core/styles.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { configureClient } from './api/client';
import { PersonProvider } from './auth/PersonContext';
import { completeSignIn, currentUser, loadConfig, personOf, type Person } from './auth/session';
import { i18n, initI18n } from './i18n';
import SignInPage from './pages/SignInPage';

// WCAG AA contrast (4.5:1): the darkest shade for filled colours, black or white text chosen by the background's
// luminance, and dimmed text dark enough on white
const theme = createTheme({ primaryShade: 9, autoContrast: true, luminanceThreshold: 0.15 });
const contrast = () => ({ variables: {}, light: { '--mantine-color-dimmed': '#5c636a' }, dark: {} });

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 1000 } } });
const root = createRoot(document.getElementById('root')!);

function render(person: Person | null, problem?: string) {
  root.render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={contrast}>
        {person ? (
          <PersonProvider person={person}>
            <QueryClientProvider client={queryClient}>
              <BrowserRouter><App /></BrowserRouter>
            </QueryClientProvider>
          </PersonProvider>
        ) : <SignInPage problem={problem} />}
      </MantineProvider>
    </StrictMode>,
  );
}

async function start() {
  initI18n();
  try {
    await loadConfig();
    if (window.location.pathname === '/auth/callback') {
      const returnTo = await completeSignIn();
      window.history.replaceState(null, '', returnTo);
    }
    const user = await currentUser();
    const person = user ? personOf(user) : null;
    if (user && !person) {
      render(null, i18n.t('signIn.noRole'));
      return;
    }
    let token = person?.accessToken ?? null;
    configureClient(() => token, () => { token = null; render(null, i18n.t('signIn.expired')); });
    render(person);
  } catch (e) {
    render(null, `${i18n.t('signIn.failed')} ${e instanceof Error ? e.message : String(e)}`);
  }
}

void start();
