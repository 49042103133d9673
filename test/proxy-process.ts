import { spawn, type ChildProcess } from 'node:child_process';

/** A proxy started as a real process, its URL as it printed it, and everything it wrote. */
export interface ProxyProcess {
  child: ChildProcess;
  url: string;
  /** stdout and stderr so far, interleaved as they came. */
  output: () => string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `command` (by default the proxy, `node --import tsx proxy/server.ts`) in `cwd` (this process's
 * by default) with `env` on top of this process's environment and PORT=0, and waits for the URL it
 * prints ("Demo on …", "Proxy for … on …"). Rejects with the output when it exits first or prints
 * nothing within `timeoutMs`.
 */
export function startProxyProcess(
  env: NodeJS.ProcessEnv,
  options: { command?: string[]; cwd?: string; detached?: boolean; timeoutMs?: number; unset?: string[] } = {},
): Promise<ProxyProcess> {
  const [file, ...args] = options.command ?? ['node', '--import', 'tsx', 'proxy/server.ts'];
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', ...env };
  for (const name of options.unset ?? []) delete fullEnv[name];
  const child = spawn(file!, args, { env: fullEnv, cwd: options.cwd, detached: options.detached ?? false, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} printed no URL within ${options.timeoutMs ?? 30_000} ms:\n${output}`)), options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /on (http:\/\/localhost:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`${file} exited with ${code}:\n${output}`), { output, code }));
    });
  });
}
