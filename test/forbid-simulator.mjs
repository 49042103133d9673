// `node --import ./test/forbid-simulator.mjs …`: any module under simulator/ fails to load, so a process
// started this way proves it never loads simulator code (the production proxy must not).
import { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (/\\/simulator\\//.test(resolved.url)) throw new Error('simulator code loaded: ' + resolved.url);
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
