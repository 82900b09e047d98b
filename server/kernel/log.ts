/**
 * Structured logs: one JSON line per event on stderr (one per request with
 * method, path, status and duration). No dependency: the volume is small.
 */
export type Level = 'silent' | 'error' | 'info' | 'debug';
const ORDER: Record<Level, number> = { silent: 0, error: 1, info: 2, debug: 3 };

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: Level, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const emit = (lvl: Exclude<Level, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] > ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
  };
  return {
    info: (m, f) => emit('info', m, f),
    error: (m, f) => emit('error', m, f),
    debug: (m, f) => emit('debug', m, f),
  };
}
