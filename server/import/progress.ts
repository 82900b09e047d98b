/**
 * Progress for long work: a bar on a terminal; nothing otherwise (pipes, CI
 * logs) unless CLAIMGRAPH_PROGRESS=lines asks for plain lines; nothing when quiet.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(label: string, done: number, total: number): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return { update() {}, stop() {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: '{label} [{bar}] {value}/{total} {percentage}% {eta_formatted} left', stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let current = '';
    return {
      update(label, done, total) {
        if (label !== current) {
          if (current) bar.stop();
          current = label;
          bar.start(total, done, { label: label.padEnd(9) });
        } else bar.update(done);
      },
      stop() {
        if (current) bar.stop();
      },
    };
  }
  // Not a terminal (a pipe, a CI log): quiet, unless CLAIMGRAPH_PROGRESS=lines.
  if (process.env.CLAIMGRAPH_PROGRESS !== 'lines') return { update() {}, stop() {} };
  let lastLabel = '';
  let lastPct = -1;
  return {
    update(label, done, total) {
      const pct = total > 0 ? Math.floor((done / total) * 10) * 10 : 100;
      if (label !== lastLabel || pct !== lastPct) {
        lastLabel = label;
        lastPct = pct;
        stream.write(`${label}: ${done}/${total} (${pct}%)\n`);
      }
    },
    stop() {},
  };
}
