import { css, html, nothing } from 'lit';
import type { ApiError } from './api.ts';
import type { CommonMessages } from './i18n/en.ts';

/** Loading, empty and error templates, identical in every widget; styled by `stateStyles`. */

/**
 * The outline of what is loading, so the page does not jump when it arrives: the headline figures, a
 * chart's bars, a table's header and rows, or an embedded frame.
 */
export type Skeleton = 'headline' | 'chart' | 'table' | 'frame';

/** How many blocks each skeleton has: a label over a figure, bars, a header and four rows of four cells, one frame. */
const PIECES: Record<Skeleton, number> = { headline: 2, chart: 8, table: 20, frame: 1 };

/** One skeleton, hidden from screen readers: `loadingTemplate` speaks for it. */
export const skeletonTemplate = (shape: Skeleton) =>
  html`<div class="skeleton skeleton-${shape}" aria-hidden="true">${Array.from({ length: PIECES[shape] }, () => html`<i></i>`)}</div>`;

/**
 * The one polite "Loading…" for screen readers, over skeletons shaped like the content; the region it
 * stands in carries `aria-busy` (the `base` part).
 */
export const loadingTemplate = (label: string, shapes: readonly Skeleton[]) =>
  html`<div part="loading" class="loading" role="status" aria-live="polite">
    <span class="visually-hidden">${label}</span>
    <div>${shapes.map(skeletonTemplate)}</div>
  </div>`;

export const emptyTemplate = (message: string) =>
  html`<div part="empty" class="message" role="status"><slot name="empty">${message}</slot></div>`;

/** Without `retry` for what trying again cannot mend (a range the proxy would refuse). */
export const errorTemplate = (t: CommonMessages, message: string, retry?: () => void) =>
  html`<div part="error" class="message" role="alert">
    <span>${message}</span>
    ${retry ? html`<button part="retry" type="button" @click=${retry}>${t.retry}</button>` : nothing}
  </div>`;

type FailureKind = Parameters<CommonMessages['failure']>[0];

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
export const errorText = (error: unknown, t: CommonMessages): string => t.failure(failureKind((error ?? {}) as Partial<ApiError>));

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
  .skeleton i {
    display: block;
    border-radius: 3px;
    background: var(--_gray-extralight);
    animation: pulse 1.4s ease-in-out infinite;
  }
  .skeleton-headline,
  .skeleton-table {
    display: grid;
    gap: var(--_space) calc(var(--_space) * 2);
  }
  .skeleton-headline i {
    width: 8rem;
    height: 0.75rem;
  }
  .skeleton-headline i + i {
    width: 12rem;
    height: 1.75rem;
  }
  .skeleton-chart {
    display: flex;
    align-items: flex-end;
    gap: 6%;
    padding: 0 4%;
  }
  .skeleton-chart,
  .skeleton-frame i {
    height: var(--metronome-state-min-height, 12rem);
  }
  .skeleton-chart i {
    flex: 1;
    border-radius: 3px 3px 0 0;
    height: 55%;
  }
  .skeleton-chart i:nth-child(odd) {
    height: 35%;
  }
  .skeleton-chart i:nth-child(3n) {
    height: 75%;
  }
  .skeleton-table {
    grid-template-columns: 2fr 1fr 1fr 1fr;
    row-gap: calc(var(--_space) * 2);
  }
  .skeleton-table i {
    height: 0.875rem;
  }
  .skeleton-table i:nth-child(-n + 4) {
    width: 60%;
    height: 0.625rem;
  }
  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
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
