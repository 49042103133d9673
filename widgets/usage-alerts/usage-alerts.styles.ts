import { css } from 'lit';
import { themeStyles } from '../shared/theme/theme.styles.ts';

export const theme = themeStyles('gray-medium', 'gray-light', 'gray-extralight', 'primary-medium', 'primary-green', 'primary-red', 'progress-bar', 'progress-bar-background', 'action', 'action-hover');

/**
 * - A notification is a grid: its name and status on the first line (the status keeps its words on
 *   one line; the rest wraps anywhere, set once on the notification, even a type's name, a word as long
 *   as the widget is wide), then what it watches, the gauge and the figure across the width.
 * - The status says itself in words, after a mark (✓, !, …) with empty alternative text, so that
 *   neither colour nor a symbol alone carries it.
 * - The gauge's mark is the threshold, drawn over the track in the text colour so it shows on the bar.
 * (Reasons live here, not in the CSS: comments inside a css template are shipped in the bundle.)
 */
export default css`
  [part='base'][aria-busy='true'] ul {
    opacity: 0.6;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part='alert'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: calc(var(--_space) / 2) var(--_space);
    padding: var(--_space) 0;
    border-bottom: 1px solid var(--_gray-light);
    overflow-wrap: anywhere;
  }
  .name {
    font-weight: 600;
  }
  /* At the top of its row, its own height, when a long name wraps beside it. */
  [part='status'] {
    align-self: start;
    font-size: 0.8125rem;
    font-weight: 600;
    white-space: nowrap;
    padding: 0 0.5rem;
    border: 1px solid;
    border-radius: 999px;
    color: var(--_primary-green);
  }
  [part='status']::before {
    content: '✓ ' / '';
  }
  .in_alarm {
    color: var(--_primary-red);
  }
  .in_alarm::before {
    content: '! ' / '';
  }
  .evaluating {
    color: var(--_gray-medium);
  }
  .evaluating::before {
    content: '… ' / '';
  }
  .small,
  .gauge {
    grid-column: 1 / -1;
  }
  .small {
    font-size: 0.875rem;
    color: var(--_gray-medium);
  }
  .gauge {
    position: relative;
    height: 0.75rem;
    border-radius: 999px;
    background: var(--_progress-bar-background);
  }
  .gauge b {
    display: block;
    height: 100%;
    border-radius: inherit;
    background: var(--_progress-bar);
  }
  .in_alarm ~ .gauge b {
    background: var(--_primary-red);
  }
  .gauge i {
    position: absolute;
    top: -3px;
    bottom: -3px;
    width: 2px;
    background: var(--_gray-dark);
  }
`;
