import { expect } from '@open-wc/testing';
import type { Freshness } from '../../contract/index.ts';

/**
 * Times for stale answers, in a zone that is not UTC and has no daylight saving (UTC+5:30), so a note
 * written in the wrong zone shows a different time.
 */
export const ZONE = 'Asia/Kolkata';
const DAY = 86_400_000;
const today = new Date().toLocaleDateString('sv-SE', { timeZone: ZONE }); // 2026-11-25
/** 10:42 today in ZONE: shown as the time alone. */
export const TODAY_1042 = new Date(`${today}T10:42:00+05:30`).toISOString();
/** 09:15 three days ago in ZONE: shown with its date. */
export const DAYS_AGO_0915 = new Date(Date.parse(`${today}T09:15:00+05:30`) - 3 * DAY).toISOString();
/** How DAYS_AGO_0915 reads in en-US. */
export const DAYS_AGO_TEXT = `${new Date(DAYS_AGO_0915).toLocaleDateString('en-US', { timeZone: ZONE, month: 'short', day: 'numeric' })}, 9:15 AM`;

export const stale = (as_of: string): Freshness => ({ as_of, stale: true });
export const fresh = (): Freshness => ({ as_of: new Date().toISOString(), stale: false });

export const staleNote = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('[part~="stale"]');

/** The element shows the stale note, "as of" `text`, with the exact time `asOf` in its <time>. */
export function expectStale(el: Element, asOf: string, text: string) {
  const note = staleNote(el);
  expect(note, `<${el.localName}> shows no stale note`).to.exist;
  expect(note!.getAttribute('role')).to.equal('status');
  expect(note!.textContent).to.contain(`Figures as of ${text} · `);
  const time = note!.querySelector('time')!;
  expect(time.textContent).to.equal(text);
  expect(time.getAttribute('datetime')).to.equal(asOf);
  expect(time.title).to.not.equal('');
}
