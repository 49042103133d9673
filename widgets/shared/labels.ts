import { GROUP_VALUE_SEPARATOR as SEPARATOR, MISSING_GROUP_VALUE as MISSING_VALUE } from '../../contract/index.ts';

/**
 * Display names for group keys and values, in the shape of Metronome's dashboard group-key overrides:
 * `{ region: { display_name: 'Region', value_display_names: { 'us-east-1': 'N. Virginia' } } }`.
 */
export type GroupKeyOverrides = Record<string, { display_name?: string; value_display_names?: Record<string, string> }>;

export function keyLabel(key: string, overrides: GroupKeyOverrides | undefined): string {
  return overrides?.[key]?.display_name ?? key;
}

/** A group named by its values joined with " / " (compound keys), each part renamed through its own key. */
export function groupLabel(group: string, keys: ReadonlyArray<string> | null, overrides: GroupKeyOverrides | undefined): string {
  if (!keys || !overrides) return group;
  const parts = group.split(SEPARATOR);
  if (parts.length !== keys.length) return group;
  return parts.map((value, i) => (value === MISSING_VALUE ? value : (overrides[keys[i]!]?.value_display_names?.[value] ?? value))).join(SEPARATOR);
}
