import { css } from 'lit';
import { COLOR_TOKENS } from '../shared/theme/palette.ts';
import { themeStyles } from '../shared/theme/theme.styles.ts';

/** Every Metronome colour slot, so the palette in force can be forwarded whole; also the states' action colours. */
export const theme = themeStyles(...COLOR_TOKENS.map((t) => t.property.replace('--metronome-', '')));

export default css`
  iframe {
    display: block;
    width: 100%;
    height: var(--metronome-dashboard-height, 40rem);
    border: 0;
  }
`;
