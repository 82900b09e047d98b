/**
 * How ad-hoc Cypher keeps away from saved views (server/investigations/
 * isolation.ts), on the values the driver returns: rows holding a saved view
 * are dropped, saved views are taken out of lists, and queries naming them
 * are refused. (The same against a real Neo4j: tests/integration/investigations-isolation.test.ts.)
 */
import neo4j, { Record as Neo4jRecord } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { SAVED_VIEW_KEYS, savedViewRefusal, withoutSavedViewKeys, withoutSavedViews } from '../../server/investigations/isolation.ts';
import { lexCypher } from '../../server/reads/cypher/lex.ts';

const { Node, Path, PathSegment, Relationship } = neo4j.types;
const int = neo4j.int;
const view = new Node(int(1), ['SavedView'], { savedViewId: 'abc123', savedViewName: 'mine', savedViewDocument: '{}' }, 'e1');
const entity = new Node(int(2), ['Entity', 'Organization'], { id: 'org-hub', name: 'Hub' }, 'e2');
const other = new Node(int(3), ['Entity', 'Person'], { id: 'p', name: 'P' }, 'e3');
const rel = new Relationship(int(9), int(3), int(2), 'LEADS', { id: 'c' }, 'r9', 'e3', 'e2');
const record = (row: Record<string, unknown>) => new Neo4jRecord(Object.keys(row), Object.values(row));

describe('rows of ad-hoc queries', () => {
  it('drops a row holding a saved view, keeps the data', () => {
    expect(withoutSavedViews(record({ n: view }))).toBeNull();
    const kept = record({ n: entity });
    expect(withoutSavedViews(kept)).toBe(kept);
  });

  it('drops rows of its properties, labels, keys and the label or key names catalogue procedures return', () => {
    for (const v of [{ ...view.properties }, ['SavedView'], [...SAVED_VIEW_KEYS.slice(0, 3)], 'SavedView', 'savedViewDocument', { map: { n: view } }]) {
      expect(withoutSavedViews(record({ v })), JSON.stringify(v)).toBeNull();
    }
    expect(withoutSavedViews(record({ labelsOrTypes: ['SavedView'], name: 'saved_view_id' }))).toBeNull();
  });

  it('takes saved views out of lists that hold data too (collect(n), db.schema.visualization)', () => {
    const r = withoutSavedViews(record({ nodes: [entity, view, other], relationships: [rel] }))!;
    expect((r.get('nodes') as unknown[]).length).toBe(2);
    expect(r.get('relationships')).toEqual([rel]);
    const labels = withoutSavedViews(record({ labels: ['Entity', 'SavedView', 'Person'] }))!;
    expect(labels.get('labels')).toEqual(['Entity', 'Person']);
  });

  it('drops a path through a saved view, keeps paths of data, integers and strings that only look alike', () => {
    const viewPath = new Path(view, view, []);
    expect(withoutSavedViews(record({ p: viewPath }))).toBeNull();
    const dataPath = new Path(other, entity, [new PathSegment(other, rel, entity)]);
    expect(withoutSavedViews(record({ p: dataPath, n: int(5), s: 'saved view', t: 'SavedViews' }))).not.toBeNull();
  });

  it('the schema loses the saved views’ property keys only', () => {
    expect(withoutSavedViewKeys({ propertyKeys: ['id', 'name', 'savedViewDocument', 'savedViewId', 'quote'] }).propertyKeys).toEqual(['id', 'name', 'quote']);
  });
});

describe('queries that name saved views', () => {
  const refused = (q: string, params?: Record<string, unknown>) => savedViewRefusal(lexCypher(q), params);

  it('are refused whether the name is a label, a property, backticked, a string, escaped or a parameter value', () => {
    for (const q of [
      'MATCH (n:SavedView) RETURN n',
      'MATCH (n:savedview) RETURN n',
      'MATCH (n:`SavedView`) RETURN n',
      'MATCH (n) WHERE n.savedViewName IS NOT NULL RETURN n',
      "MATCH (n) WHERE 'SavedView' IN labels(n) RETURN n",
      'MATCH (n) WHERE n:\\u0053avedView RETURN n',
      'MATCH (n) RETURN n.`savedViewDocument`',
    ]) {
      expect(refused(q), q).toMatch(/saved views are not data/);
    }
    expect(refused('MATCH (n) WHERE n[$k] IS NOT NULL RETURN n[$k]', { k: 'savedViewDocument' })).toMatch(/parameter value/);
    expect(refused('MATCH (n) WHERE any(l IN labels(n) WHERE l IN $ls) RETURN n', { ls: ['Entity', 'SavedView'] })).toMatch(/parameter value/);
  });

  it('leave every other query alone (comments are not names)', () => {
    for (const q of ['MATCH (n) RETURN n', 'MATCH (n:Entity {id: $id}) RETURN n', '// SavedView\nMATCH (n) RETURN count(n)', "MATCH (n) WHERE n.name = 'saved view' RETURN n"]) {
      expect(refused(q, { id: 'org-hub' }), q).toBeNull();
    }
  });
});
