import { css, html, nothing } from 'lit';
import type { ApiError } from './api.ts';
import type { Messages } from './i18n/messages.ts';

/** Loading, empty and error templates, identical in every widget; styled by `stateStyles`. */

/**
 * The outline of what is loading, so the page does not jump when it arrives: the headline figures, a
 * chart's bars, a table's header and rows, or an embedded frame.
 */
export type Skeleton = 'headline' | 'chart' | 'table' | 'frame';

const skeletons: Record<Skeleton, ReturnType<typeof html>> = {
  headline: html`<div class="skeleton skeleton-headline"><span></span><span></span></div>`,
  chart: html`<div class="skeleton skeleton-chart">${Array.from({ length: 8 }, () => html`<span></span>`)}</div>`,
  table: html`<div class="skeleton skeleton-table">${Array.from({ length: 5 }, () => html`<div class="row"><i></i><i></i><i></i><i></i></div>`)}</div>`,
  frame: html`<div class="skeleton skeleton-frame"><span></span></div>`,
};

/**
 * The one polite "Loading…" for screen readers, over skeletons shaped like the content; the region it
 * stands in carries `aria-busy` (the `base` part).
 */
export const loadingTemplate = (label: string, shapes: readonly Skeleton[]) =>
  html`<div part="loading" class="loading" role="status" aria-live="polite">
    <span class="visually-hidden">${label}</span>
    <div aria-hidden="true">${shapes.map((shape) => skeletons[shape])}</div>
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
  .loading > div {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  .skeleton span,
  .skeleton i {
    display: block;
    border-radius: 3px;
    background: var(--_gray-extralight);
    animation: pulse 1.4s ease-in-out infinite;
  }
  .skeleton-headline {
    display: grid;
    gap: var(--_space);
  }
  .skeleton-headline span {
    width: 8rem;
    height: 0.75rem;
  }
  .skeleton-headline span + span {
    width: 12rem;
    height: 1.75rem;
  }
  .skeleton-chart {
    display: flex;
    align-items: flex-end;
    gap: 6%;
    height: var(--metronome-state-min-height, 12rem);
    padding: 0 4%;
  }
  .skeleton-chart span {
    flex: 1;
    border-radius: 3px 3px 0 0;
    height: 55%;
  }
  .skeleton-chart span:nth-child(odd) {
    height: 35%;
  }
  .skeleton-chart span:nth-child(3n) {
    height: 75%;
  }
  .skeleton-table .row {
    display: grid;
    grid-template-columns: 2fr 1fr 1fr 1fr;
    gap: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 1.25) 0;
    border-bottom: 1px solid var(--_gray-extralight);
  }
  .skeleton-table i {
    height: 0.875rem;
  }
  .skeleton-table .row:first-child i {
    height: 0.625rem;
    width: 60%;
  }
  .skeleton-frame span {
    height: var(--metronome-state-min-height, 12rem);
  }
  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton span,
    .skeleton i {
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
