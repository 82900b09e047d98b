/**
 * Investigations, the client's pure parts: the document from the state and
 * what reopening finds changed; notes (links, markers); story steps
 * (capture, reorder, highlight, cameras in graph coordinates); the published
 * page's escaping and CSP, and the Markdown report.
 */
import { describe, expect, it } from 'vitest';
import { claimHash } from '../../../shared/investigation/claim-hash.ts';
import { documentOf, reconcile, reportIsEmpty, reportText, currentRequests } from '../../../client/src/investigations/index.ts';
import type { CurrentClaims } from '../../../client/src/investigations/types.ts';
import { addNote, editNote, edgeMarkerPoint, markers, notesAbout, removeNote, textPieces } from '../../../client/src/investigations/notes/index.ts';
import { captureStep, fromGraphCamera, moveStep, moveStepTo, pickedItems, removeStep, stepClaims, stepHighlight, toGraphCamera, withItems, withoutItem } from '../../../client/src/investigations/story/index.ts';
import { escapeHtml, inlineScript, markdownText, publishedData, publishHtml, reportMarkdown, scriptHash, scriptJson } from '../../../client/src/investigations/publish/index.ts';
import { foldKey } from '../../../client/src/graph/fold.ts';
import { ExplorerState, selectionOf } from '../../../client/src/state/index.ts';
import { DATA, CLAIMS } from './fixtures.ts';

const NOW = new Date('2026-03-01T10:00:00Z');
const FUNDED = foldKey('org-front', 'FUNDED', 'org-hub');

function drawn(): ExplorerState {
  const state = new ExplorerState();
  state.graph.merge(DATA);
  return state;
}

function currentOf(state: ExplorerState, edit: (c: CurrentClaims) => void = () => {}): CurrentClaims {
  const s = state.save();
  const cur: CurrentClaims = {
    claims: s.claims.map((c) => ({ claim: structuredClone(c), hash: claimHash(c) })),
    missingClaims: [],
    entities: s.nodes.map((n) => n.entity),
    missingEntities: [],
    sources: [],
  };
  edit(cur);
  return cur;
}

describe('the document and reopening it', () => {
  it('holds the working state, and every entity and claim with its datasets (claims with their hash)', () => {
    const state = drawn();
    state.set({ notes: addNote([], { type: 'entity', id: 'org-hub' }, 'hub', NOW, 'n-1') });
    const doc = documentOf(state.save(), '  ', NOW);
    expect(doc.title).toBe('Untitled investigation');
    expect(doc.datasets).toEqual(['mini', 'other']);
    expect(doc.entities.find((e) => e.id === 'event-rally')?.datasets).toEqual(['other']);
    expect(doc.claims.find((c) => c.id === 'c-member')).toEqual({ id: 'c-member', datasets: ['mini'], hash: claimHash(CLAIMS.find((c) => c.id === 'c-member')!) });
    expect(doc.state.notes.map((n) => n.text)).toEqual(['hub']);
  });

  it('says nothing changed when every hash is the same', () => {
    const state = drawn();
    const doc = documentOf(state.save(), 'x', NOW);
    const { report, saved } = reconcile(doc, currentOf(state), ['mini', 'other']);
    expect(reportIsEmpty(report)).toBe(true);
    expect(saved.claims.length).toBe(CLAIMS.length);
  });

  it('lists a claim whose quote changed (shown as it is now), claims and entities gone, and datasets the server lacks', () => {
    const state = drawn();
    const doc = documentOf(state.save(), 'x', NOW);
    const current = currentOf(state, (c) => {
      const m = c.claims.find((x) => x.claim.id === 'c-member')!;
      m.claim.quote = 'A new quote.';
      m.claim.properties.quote = 'A new quote.';
      m.hash = claimHash(m.claim);
      c.claims = c.claims.filter((x) => x.claim.id !== 'c-allied' && x.claim.id !== 'c-rally');
      c.missingClaims = ['c-allied', 'c-rally'];
      c.entities = c.entities.filter((e) => e.id !== 'event-rally');
      c.missingEntities = ['event-rally'];
    });
    const { report, saved } = reconcile(doc, current, ['mini']);
    expect(report.changed.map((c) => [c.id, c.fields])).toEqual([['c-member', ['quote']]]);
    expect(report.changed[0]!.saved.quote).toBe('quote of c-member');
    expect(report.vanishedClaims.map((c) => c.id).sort()).toEqual(['c-allied', 'c-rally']);
    expect(report.vanishedEntities.map((e) => e.id)).toEqual(['event-rally']);
    expect(report.missingDatasets).toEqual(['other']);
    expect(saved.claims.find((c) => c.id === 'c-member')!.quote).toBe('A new quote.');
    expect(saved.nodes.some((n) => n.entity.id === 'event-rally')).toBe(false);
    const text = reportText(report, 'x', doc.savedAt);
    expect(text).toContain('quote was: quote of c-member');
    expect(text).toContain('quote now: A new quote.');
    expect(text).toContain('No longer in the database (2 claims)');
  });

  it('asks for claims and entities in requests within the API bounds', () => {
    const doc = documentOf(drawn().save(), 'x', NOW);
    const reqs = currentRequests(doc, 4, 2);
    expect(reqs.flatMap((r) => r.claims).length).toBe(CLAIMS.length);
    expect(reqs.flatMap((r) => r.entities).length).toBe(DATA.nodes.length);
    expect(Math.max(...reqs.map((r) => r.claims.length))).toBeLessThanOrEqual(4);
    expect(reqs[0]!.claims[0]).toEqual({ id: 'c-funded-1', from: 'org-front' });
  });

  it('the state saves notes and story and loads them back', () => {
    const a = drawn();
    a.set({ notes: addNote([], { type: 'canvas', x: 1, y: 2 }, 'here', NOW, 'n-1'), story: [captureStep(a.view, a.graph.graph, null, 0, 's-1')] });
    const b = new ExplorerState();
    b.load(JSON.parse(JSON.stringify(a.save())));
    expect(b.view.notes).toEqual(a.view.notes);
    expect(b.view.story).toEqual(a.view.story);
  });
});

describe('notes', () => {
  it('are added, edited, removed and found by what they are about', () => {
    let notes = addNote([], { type: 'entity', id: 'org-hub' }, 'one', NOW, 'n-1');
    notes = addNote(notes, { type: 'edge', id: FUNDED }, 'two', NOW, 'n-2');
    notes = editNote(notes, 'n-1', 'one!', new Date('2026-03-02T00:00:00Z'));
    expect(notesAbout(notes, 'entity', 'org-hub').map((n) => [n.text, n.updatedAt])).toEqual([['one!', '2026-03-02T00:00:00.000Z']]);
    expect(removeNote(notes, 'n-1').map((n) => n.id)).toEqual(['n-2']);
  });

  it('make one marker per thing, and none for what is not drawn', () => {
    const notes = [
      ...addNote([], { type: 'entity', id: 'org-hub' }, 'a', NOW, 'n-1'),
      ...addNote([], { type: 'entity', id: 'org-hub' }, 'b', NOW, 'n-2'),
      ...addNote([], { type: 'entity', id: 'gone' }, 'c', NOW, 'n-3'),
    ];
    const m = markers(notes, (t) => (t.type === 'entity' && t.id === 'org-hub' ? { x: 5, y: 6 } : null));
    expect(m.map((x) => [x.key, x.notes.length])).toEqual([['entity:org-hub', 2]]);
  });

  it('an edge marker stands beside the edge’s middle, off its label', () => {
    const p = edgeMarkerPoint({ x: 0, y: 0 }, { x: 100, y: 0 }, 0, 10);
    expect(p.x).toBe(50);
    expect(Math.abs(p.y)).toBe(10);
  });

  it('turn http(s) URLs into links and leave everything else text', () => {
    expect(textPieces('See https://example.org/a.pdf. Or (https://en.wikipedia.org/wiki/MEK_(group)).')).toEqual([
      { type: 'text', text: 'See ' },
      { type: 'link', text: 'https://example.org/a.pdf', href: 'https://example.org/a.pdf' },
      { type: 'text', text: '. Or (' },
      { type: 'link', text: 'https://en.wikipedia.org/wiki/MEK_(group)', href: 'https://en.wikipedia.org/wiki/MEK_(group)' },
      { type: 'text', text: ').' },
    ]);
    expect(textPieces('<script>alert(1)</script> javascript:alert(1) <a href="https://x.org">')).toEqual([
      { type: 'text', text: '<script>alert(1)</script> javascript:alert(1) <a href="' },
      { type: 'link', text: 'https://x.org', href: 'https://x.org/' },
      { type: 'text', text: '">' },
    ]);
  });
});

describe('story steps', () => {
  it('capture what is selected (an edge brings both ends) or the path on show, not a step on show', () => {
    const state = drawn();
    state.set({ selection: selectionOf({ type: 'edge', id: FUNDED }) });
    const s1 = captureStep(state.view, state.graph.graph, null, 0, 's-1');
    expect(s1.edges).toEqual([FUNDED]);
    expect(s1.nodes.sort()).toEqual(['org-front', 'org-hub']);
    expect(s1.title).toMatch(/^Step 1: /);
    state.set({ selection: selectionOf(null), highlight: stepHighlight(s1, state.graph.graph) });
    expect(pickedItems(state.view, state.graph.graph)).toEqual({ nodes: [], edges: [] });
    state.set({ highlight: { kind: 'path', nodes: new Set(['person-eve', 'org-hub']), edges: new Set([foldKey('person-eve', 'MEMBER_OF', 'org-hub')]), fadeOthers: true } });
    expect(pickedItems(state.view, state.graph.graph).edges).toEqual([foldKey('person-eve', 'MEMBER_OF', 'org-hub')]);
  });

  it('move, go and lose items, and list the claims behind their edges', () => {
    const state = drawn();
    const g = state.graph.graph;
    const steps = ['a', 'b', 'c'].map((id) => ({ id, title: id, text: '', nodes: [], edges: [], camera: null }));
    expect(moveStep(steps, 'a', 1).map((s) => s.id)).toEqual(['b', 'a', 'c']);
    expect(moveStep(steps, 'a', -1).map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(moveStepTo(steps, 'c', 0).map((s) => s.id)).toEqual(['c', 'a', 'b']);
    expect(removeStep(steps, 'b').map((s) => s.id)).toEqual(['a', 'c']);
    const step = withItems(steps[0]!, { nodes: ['org-front', 'org-hub'], edges: [FUNDED] });
    expect(stepClaims(step, state.graph)[0]!.claims.map((c) => c.id).sort()).toEqual(['c-funded-1', 'c-funded-2']);
    expect(withoutItem(step, { type: 'node', id: 'org-hub' }, g)).toMatchObject({ nodes: ['org-front'], edges: [] });
    const hl = stepHighlight({ ...steps[0]!, edges: [FUNDED, 'gone|X|gone'] }, g);
    expect([...hl.nodes].sort()).toEqual(['org-front', 'org-hub']);
    expect([...hl.edges]).toEqual([FUNDED]);
    expect(hl.fadeOthers).toBe(true);
  });

  it('cameras go to graph coordinates and back, and keep their place when the graph’s box grows', () => {
    const box = { x: [-100, 300] as [number, number], y: [0, 200] as [number, number] };
    const cam = { x: 0.3, y: 0.6, ratio: 0.5, angle: 0.1 };
    const g = toGraphCamera(cam, box);
    expect(g).toEqual({ x: 20, y: 140, extent: 200, angle: 0.1 });
    const back = fromGraphCamera(g, box);
    for (const k of ['x', 'y', 'ratio', 'angle'] as const) expect(back[k]).toBeCloseTo(cam[k], 12);
    const bigger = fromGraphCamera(g, { x: [-500, 300], y: [0, 200] });
    expect(toGraphCamera(bigger, { x: [-500, 300], y: [0, 200] }).x).toBeCloseTo(20, 9);
  });
});

describe('the published page', () => {
  it('inlines data no `</script>` can end, and a CSP that lets only the viewer’s script run and nothing load', () => {
    const state = drawn();
    state.graph.merge({ nodes: [{ id: 'x', kind: 'person', labels: [], name: '</script><script>alert(1)</script>', properties: {} }], edges: [] });
    state.set({ filters: { ...state.view.filters, hiddenKinds: [] }, notes: addNote([], { type: 'canvas', x: 0, y: 0 }, '<!-- </script> <script>alert(2)</script>', NOW, 'n-1') });
    const data = publishedData({ title: 'T <b>', now: NOW, store: state.graph, visibility: state.visibility, sizes: state.sizes, schema: null, statusOrder: state.view.statusOrder, notes: state.view.notes, story: [], sources: [] });
    const js = 'console.log("</script>")';
    const html = publishHtml(data, { js, css: 'body{}' });
    expect(html.match(/<\/script>/gi)?.length).toBe(2); // the data's and the viewer's own, nothing inside
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('<title>T &lt;b&gt;</title>');
    const json = html.slice(html.indexOf('id="claimgraph-data">') + 21, html.indexOf('</script>'));
    expect(JSON.parse(json).notes[0].text).toBe('<!-- </script> <script>alert(2)</script>');
    expect(html).toContain(`script-src ${scriptHash(inlineScript(js))}`);
    expect(html).toContain("default-src 'none'");
    expect(scriptJson({ a: '<\u2028' })).toBe('{"a":"\\u003c\\u2028"}');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  it('publishes what is drawn: visible entities and edges, their claims, notes about them, the story trimmed to them', () => {
    const state = drawn();
    const notes = [...addNote([], { type: 'entity', id: 'src-filing' }, 'hidden source', NOW, 'n-1'), ...addNote([], { type: 'edge', id: FUNDED }, 'money', NOW, 'n-2')];
    const story = [{ id: 's', title: 'S', text: '', nodes: ['src-filing'], edges: [FUNDED], camera: null }];
    const data = publishedData({ title: 'T', now: NOW, store: state.graph, visibility: state.visibility, sizes: state.sizes, schema: null, statusOrder: state.view.statusOrder, notes, story, sources: [{ id: 'src-filing', title: 'Filing', authors: [], publisher: null, date: null, url: null, kind: null }, { id: 'unused', title: 'U', authors: [], publisher: null, date: null, url: null, kind: null }] });
    expect(data.nodes.some((n) => n.id === 'src-filing')).toBe(false); // sources are hidden by default
    expect(data.notes.map((n) => n.id)).toEqual(['n-2']);
    expect(data.story[0]!.nodes.sort()).toEqual(['org-front', 'org-hub']);
    expect(data.sources.map((s) => s.id)).toEqual(['src-filing']);
    expect(data.claims.map((c) => c.id)).toContain('c-funded-1');
    expect(data.publishedAt).toBe(NOW.toISOString());
  });

  it('the report is Markdown with data as text: each step, its image and its citations', () => {
    const claims = CLAIMS.filter((c) => c.id === 'c-funded-1').map((c) => ({ ...c, quote: 'Grants *120,000* <b>', properties: { ...c.properties, verification: 'verified' } }));
    const md = reportMarkdown(
      { title: 'MEK # story', publishedAt: NOW.toISOString(), datasets: [{ name: 'mini', title: null }], nodes: [{ id: 'org-front', name: 'Front_Group', kind: 'organization', x: 0, y: 0, size: 1 }], sources: [{ id: 'src-filing', title: 'Filing', authors: ['A'], publisher: 'P', date: '2019', url: 'https://example.org/f', kind: null }] },
      [{ title: '# Step one', text: '- not a list', image: 'images/step-01.png', claims }],
    );
    expect(md).toContain('# MEK # story');
    expect(md).toContain('## 1. \\# Step one');
    expect(md).toContain('\\- not a list');
    expect(md).toContain('![Step 1](images/step-01.png)');
    expect(md).toContain('Front\\_Group');
    expect(md).toContain('quote verified');
    expect(md).toContain('“Grants \\*120,000\\* \\<b\\>”');
    expect(md).toContain('Source: Filing (A, P, 2019) <https://example.org/f>');
    expect(markdownText('a|b~c')).toBe('a\\|b\\~c');
  });
});
