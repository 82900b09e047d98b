/**
 * Where a process's CPU time went, from a V8 `.cpuprofile` (`node --cpu-prof`):
 * self time per function and per package (express, zod, neo4j-driver, ours,
 * Node's own HTTP and streams, garbage collection), idle left out. Used by
 * `bench:api --cpu-prof` to say what each millisecond of the API's overhead is.
 */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package (or part of Node) a script URL belongs to. */
export function packageOf(url: string, fn: string): string {
  if (fn === '(garbage collector)') return 'garbage collection';
  if (fn === '(program)') return 'V8/native (program)';
  if (!url) return 'V8/native';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return url.startsWith('node:internal/http') || url.startsWith('node:_http') || url === 'node:http' ? 'node http' : url.startsWith('node:internal/streams') || url.startsWith('node:net') || url === 'node:net' ? 'node net/streams' : 'node (other)';
  const ours = /\/(server|bench)\/(.*)$/.exec(url);
  if (ours) return `ours: ${ours[1]}/${ours[2]!.split('/')[0]}`;
  return url;
}

export interface CpuSummary {
  /** ms of CPU (not idle) sampled. */
  busyMs: number;
  byPackage: { name: string; ms: number }[];
  topFunctions: { name: string; ms: number }[];
}

export async function summarizeCpuProfile(file: string, top = 25): Promise<CpuSummary> {
  const p = JSON.parse(await readFile(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  const pkgs = new Map<string, number>();
  const fns = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') continue;
    busy += ms;
    const pkg = packageOf(url, functionName);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + ms);
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|server|bench)\//, '$1/')}:${lineNumber + 1}`;
    fns.set(name, (fns.get(name) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10 }));
  return { busyMs: Math.round(busy), byPackage: sorted(pkgs), topFunctions: sorted(fns).slice(0, top) };
}
