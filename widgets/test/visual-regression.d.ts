// @web/test-runner-visual-regression 0.10 ships `export * from './browser/commands.mjs'` as its types, which
// TypeScript cannot follow (there is no commands.d.mts); this is the one function the tests use.
declare module '@web/test-runner-visual-regression' {
  /** Screenshots `element` and compares it with the baseline called `name`; rejects when they differ. */
  export function visualDiff(element: Node, name: string): Promise<void>;
}
