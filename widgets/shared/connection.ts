import type { ReactiveController, ReactiveElement } from 'lit';
import { ApiError } from './api.ts';
import { announceLoad } from './events.ts';
import { onPageConfigChange, pageConfig } from './page-config.ts';
import { onSubjectChange, sessionSubjectChanges, type TokenProvider } from './session.ts';

/** What an element declares for its connection; empty (or undefined) leaves it to the page's `configure()`. */
export interface ConnectedElement extends ReactiveElement {
  endpoint: string;
  tokenProvider: TokenProvider | undefined;
  tokenUrl: string;
  tokenCredentials: RequestCredentials | '';
}

const urlProviders = new Map<string, TokenProvider>();

/**
 * A token provider that GETs `url` (same-origin credentials unless told otherwise) and reads the token
 * from a `text/plain` body or a JSON `{ "token": "…" }` body. One function per URL (as written; fetch
 * resolves it against the page) and credentials, so widgets naming the same URL share one token and one
 * fetch (the token cache is per provider).
 */
export function tokenUrlProvider(url: string, credentials: RequestCredentials): TokenProvider {
  const key = `${credentials} ${url}`;
  let provider = urlProviders.get(key);
  if (!provider) {
    const fail = (why: string, status = 0) => new ApiError(status, 'no_session', `Could not start a billing session: the token URL ${why}.`);
    provider = async () => {
      let response: Response;
      try {
        // no-store: a browser cache answering the old token again would defeat refreshing it.
        response = await fetch(url, { credentials, cache: 'no-store', headers: { accept: 'text/plain, application/json' } });
      } catch {
        throw fail('could not be reached');
      }
      if (!response.ok) throw fail(`answered HTTP ${response.status}`, response.status);
      const type = response.headers.get('content-type')?.toLowerCase() ?? '';
      const body = await response.text().catch(() => '');
      let token: unknown;
      try {
        token = type.includes('json') ? JSON.parse(body)?.token : type.startsWith('text/plain') ? body.trim() : undefined;
      } catch {
        // Not JSON after all: no token.
      }
      // A token goes into an Authorization header: printable ASCII, no spaces.
      if (typeof token !== 'string' || !/^[\x21-\x7e]+$/.test(token)) throw fail('answered no token (text/plain, or JSON {"token": …})', response.status);
      return token;
    };
    urlProviders.set(key, provider);
  }
  return provider;
}

/**
 * Where an element's data comes from: its own `endpoint`, `tokenProvider` or `token-url` when set, else
 * the page's `configure()`. Re-renders the host after every `configure()`, so its tasks re-run when what
 * they use changed, and fires `mw-load` after a render that shows what a load brought.
 *
 * It also tells when the session changed, that is, whose figures these are: another endpoint, another
 * token provider (a page switching customer gives a new one, through `configure()` or the property), or
 * the same provider answering a token for another subject (a JWT's `sub`, when readable). A token
 * refreshed for the same subject is the same session. `SessionTask` hides what an older session loaded.
 */
export class ConnectionController implements ReactiveController {
  readonly #host: ConnectedElement;
  readonly #onSessionChange?: () => void;
  #unsubscribe?: () => void;
  #session = { endpoint: '', provider: undefined as TokenProvider | undefined, subjectChanges: 0 };

  /** `onSessionChange` runs before the render that follows a change, to forget the host's own state about the old one. */
  constructor(host: ConnectedElement, onSessionChange?: () => void) {
    (this.#host = host).addController(this);
    this.#onSessionChange = onSessionChange;
  }

  hostConnected() {
    const update = () => this.#host.requestUpdate();
    const stopConfig = onPageConfigChange(update);
    const stopSubject = onSubjectChange(update);
    this.#unsubscribe = () => (stopConfig(), stopSubject());
  }

  hostDisconnected() {
    this.#unsubscribe?.();
  }

  /** Before the host's tasks read their arguments (the controller is added before them). */
  hostUpdate() {
    void this.session;
  }

  hostUpdated() {
    announceLoad(this.#host);
  }

  /** Base URL of the proxy; '' for the page's own origin. */
  get endpoint(): string {
    return this.#host.endpoint || pageConfig().endpoint || '';
  }

  /** Stays the same object while the session does; a new one once it changed. */
  get session(): object {
    const endpoint = this.endpoint;
    const provider = this.tokenProvider;
    const subjectChanges = provider ? sessionSubjectChanges(provider) : 0;
    const was = this.#session;
    if (endpoint !== was.endpoint || provider !== was.provider || subjectChanges !== was.subjectChanges) {
      this.#session = { endpoint, provider, subjectChanges };
      // Not on the first look: there was no session before to forget.
      if (was.provider) this.#onSessionChange?.();
    }
    return this.#session;
  }

  /** The element's own provider, else its token URL, else the page's provider, else the page's token URL. */
  get tokenProvider(): TokenProvider | undefined {
    const host = this.#host;
    const page = pageConfig();
    const credentials = host.tokenCredentials || page.tokenCredentials || 'same-origin';
    const url = host.tokenUrl || (page.tokenProvider ? '' : page.tokenUrl);
    return host.tokenProvider ?? (url ? tokenUrlProvider(url, credentials) : page.tokenProvider);
  }
}
