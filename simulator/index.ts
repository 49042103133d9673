export { createSimulator, DEFAULT_SEED } from './app.ts';
export type { SimulatorOptions } from './app.ts';
export { FAULT_HEADER } from './faults.ts';
export type { FaultKind, FaultOptions } from './faults.ts';
import { CUSTOMERS } from './catalog.ts';

/** Customers the simulator knows, for pickers such as the demo page. */
export const SIMULATOR_CUSTOMERS: ReadonlyArray<{ id: string; name: string }> = CUSTOMERS.map(({ id, name }) => ({ id, name }));
export { ACME_ID, GLOBEX_ID, HOOLI_ID, INITECH_ID, METRIC_IDS } from './catalog.ts';
