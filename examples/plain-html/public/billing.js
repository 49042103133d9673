import { configure } from './vendor/metronome-widgets/config.js';

// The backend's token URL mints a session token for whoever is signed in; its proxy checks it.
configure({ endpoint: '/billing-by-token', tokenUrl: '/billing-token' });

// A signed-out visitor: the token URL answers 401, so send them to sign in.
document.addEventListener('mw-error', (event) => {
  if (event.code === 'no_session' && event.status === 401) location.assign('/sign-in');
});
