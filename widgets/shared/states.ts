import { css, html, nothing } from 'lit';
import type { ApiError } from './api.ts';
import type { Messages } from './i18n/messages.ts';

/** Loading, empty and error templates, identical in every widget; styled by `stateStyles`. */

export const loadingTemplate = (label: string) =>
  html`<div part="loading" class="loading" role="status" aria-live="polite">
    <span class="visually-hidden">${label}</span>
    <div class="skeleton" aria-hidden="true">${Array.from({ length: 8 }, () => html`<span></span>`)}</div>
  </div>`;

export const emptyTemplate = (message: string) =>
  html`<div part="empty" class="message" role="status"><slot name="empty">${message}</slot></div>`;

/** Without `retry` for what trying again cannot mend (a range the proxy would refuse). */
export const errorTemplate = (t: Messages, message: string, retry?: () => void) =>
  html`<div part="error" class="message" role="alert">
    <span>${message}</span>
    ${retry ? html`<button part="retry" type="button" @click=${retry}>${t.retry}</button>` : nothing}
  </div>`;

type FailureKind = Parameters<Messages['failure']>[0];

/** Which of the catalogue's failures an error is, by the proxy's status or the widget's own code. */
function failureKind({ code, status }: Partial<ApiError>): FailureKind {
  if (code === 'network') return 'network';
  if (code === 'no_session' || status === 401 || status === 403) return 'session';
  if (status === 404) return 'notFound';
  if (status === 429) return 'busy';
  if (status === 400 || status === 422) return 'badInput';
  return 'unavailable';
}

/**
 * What a failed load says to the person at the screen: the catalogue's words for its kind, never the
 * proxy's or the widget's technical message, which `mw-error` carries (with the status and code) for the
 * page. Read, not `instanceof ApiError`, as events.ts does: an error from another copy of the package is one too.
 */
export const errorText = (error: unknown, t: Messages): string => t.failure(failureKind((error ?? {}) as Partial<ApiError>));

export const stateStyles = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .loading,
  .message {
    box-sizing: border-box;
    min-height: var(--metronome-state-min-height, 12rem);
  }
  .skeleton {
    display: flex;
    align-items: flex-end;
    gap: 6%;
    height: var(--metronome-state-min-height, 12rem);
    padding: 0 4%;
  }
  .skeleton span {
    flex: 1;
    border-radius: 3px 3px 0 0;
    background: var(--_gray-extralight);
    height: 55%;
    animation: pulse 1.4s ease-in-out infinite;
  }
  .skeleton span:nth-child(odd) {
    height: 35%;
  }
  .skeleton span:nth-child(3n) {
    height: 75%;
  }
  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton span {
      animation: none;
    }
  }
  .message {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_space) * 1.5);
    text-align: center;
    color: var(--_gray-medium);
  }
  button {
    font: inherit;
    padding: 0.35rem 0.9rem;
    border-radius: var(--_radius);
    border: 1px solid currentColor;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  [part='retry'] {
    color: var(--_action);
  }
  [part='retry']:hover {
    color: var(--_action-hover);
  }
  button:focus-visible {
    outline: 2px solid var(--_primary-medium);
    outline-offset: 2px;
  }
`;
