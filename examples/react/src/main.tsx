import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configure } from 'metronome-widgets/config';
import { App } from './App';

// The backend's /billing proxy knows the user by this app's session cookie, which the widgets' calls
// carry (same origin). They still send a token with every call: any will do.
configure({ endpoint: '/billing', tokenProvider: () => 'cookie-session' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
