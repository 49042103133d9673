// Types for contrast.js, which the browser loads as is and Node tests import.
export interface ContrastPair {
  readonly fg: string;
  readonly bg: string;
  readonly min: number;
  readonly what: string;
}
export interface ContrastResult extends ContrastPair {
  readonly ratio: number;
  readonly pass: boolean;
}
export function parseHex(hex: string): [number, number, number];
export function relativeLuminance(hex: string): number;
export function contrastRatio(a: string, b: string): number;
export function formatRatio(ratio: number): string;
export const AA_TEXT: 4.5;
export const AA_GRAPHICS: 3;
export const CONTRAST_PAIRS: readonly ContrastPair[];
export function checkPalette(palette: Readonly<Record<string, string>>, pairs?: readonly ContrastPair[]): ContrastResult[];
export function describeFailure(result: ContrastResult): string;
