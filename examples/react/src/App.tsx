import type {} from 'metronome-widgets/react'; // JSX typings: the elements' attributes, properties and events
import type { MwErrorEvent } from 'metronome-widgets';
import 'metronome-widgets/usage-chart'; // each import defines one element; they share lit and the widgets' code
import 'metronome-widgets/balance-ledger';
import 'metronome-widgets/invoice-list';
import { useState } from 'react';

export function App() {
  const [signedOut, setSignedOut] = useState(false);
  // Any widget's 401 means nobody is signed in.
  const onError = (event: MwErrorEvent) => setSignedOut(event.status === 401);

  if (signedOut) return <a href="/sign-in">Sign in to see your billing</a>;
  return (
    <main>
      <h1>Usage and billing</h1>
      <usage-chart group-key="region" range="30d" onmw-error={onError} />
      <balance-ledger onmw-error={onError} />
      <invoice-list onmw-error={onError} />
    </main>
  );
}
