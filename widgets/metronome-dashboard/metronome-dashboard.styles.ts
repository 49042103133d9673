import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  iframe {
    display: block;
    width: 100%;
    height: var(--metronome-dashboard-height, 40rem);
    border: 0;
  }
`;
