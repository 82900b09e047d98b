/** A file name stem for downloads: "claimgraph-<what>-<yyyy-mm-dd>". */
export function fileStem(what: string, now = new Date()): string {
  const safe = what.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'view';
  return `claimgraph-${safe}-${now.toISOString().slice(0, 10)}`;
}
