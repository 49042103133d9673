/**
 * What the proxy logs through: pino's calling convention (fields, then message), so that server.ts can
 * pass a pino logger and tests a recording one. Fields never carry a token, a secret or a session.
 */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** For apps built without a logger (tests, embedding hosts that log elsewhere). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
