/** The contract between proxy/ and widgets/: the JSON shapes of every /api answer and the limits both sides apply. */
export type * from './api.ts';
export * from './limits.ts';
