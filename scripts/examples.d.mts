export const EXAMPLES: string;
export const TARBALL: string;
export const LOCKED_PACKAGE: string;
export function exampleNames(): string[];
export function packInto(dir: string): string;
