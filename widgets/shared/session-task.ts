import type { ReactiveControllerHost } from 'lit';
import { Task, type TaskFunction } from '@lit/task';
import type { ConnectionController } from './connection.ts';

/**
 * A `Task` whose value belongs to the session it was loaded for: once the connection's session changes
 * (another customer), `value` is undefined at once, so the widget shows its loading state instead of the
 * previous customer's figures, and the task runs again for the new session. Within one session the value
 * survives a re-run as usual (a reload keeps the figures on screen, dimmed).
 */
export class SessionTask<const T extends ReadonlyArray<unknown>, R> extends Task<readonly [object, ...T], R> {
  readonly #connection: ConnectionController;
  #loaded: { value: unknown; session: object | undefined };

  constructor(host: ReactiveControllerHost, connection: ConnectionController, { args, task }: { args: () => T; task: TaskFunction<T, R> }) {
    const loaded = { value: undefined as unknown, session: undefined as object | undefined };
    super(host, {
      args: () => [connection.session, ...args()] as const,
      task: async ([session, ...rest], options) => {
        const value = await task(rest as unknown as T, options);
        // An answer that arrives after the session changed is the old customer's: never shown.
        if (session === connection.session) Object.assign(loaded, { value, session });
        return value;
      },
    });
    this.#connection = connection;
    this.#loaded = loaded;
  }

  override get value(): R | undefined {
    const value = super.value;
    return Object.is(value, this.#loaded.value) && this.#loaded.session === this.#connection.session ? value : undefined;
  }
}
