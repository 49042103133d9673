// Types for presets.js, which the browser loads as is and Node tests import.
export interface Preset {
  readonly id: string;
  readonly name: string;
  readonly mode: '' | 'light' | 'dark';
  readonly font: string;
  readonly colors: Readonly<Record<string, string>>;
  readonly sizes: Readonly<Record<string, number>>;
}
export interface SizeControl {
  readonly property: string;
  readonly label: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
}
export const FONTS: ReadonlyArray<readonly [string, string]>;
export const SIZES: readonly SizeControl[];
export function buildPresets(tokens: ReadonlyArray<{ readonly property: string; readonly light: string; readonly dark: string }>): Preset[];
