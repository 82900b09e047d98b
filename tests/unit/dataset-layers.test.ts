/**
 * How shared records are composed from their datasets' layers
 * (server/model/layers.ts): the earliest dataset's value wins per property,
 * aliases gather, one layer is exactly that dataset's values, and conflicts
 * name every dataset that disagrees.
 */
import { describe, expect, it } from 'vitest';
import { composeRecord, conflictsOf, effectiveValues, layersOf, withLayer, withoutLayer, type Layers } from '../../server/model/layers.ts';

const mini = { kind: 'organization', name: 'Northwind Movement', aliases: ['NWM'], description: 'The hub.', country: '' };
const atlantis = { kind: 'person', name: 'Northwind of Atlantis', aliases: ['Atlantic Wind'], description: 'An Atlantean movement.', country: 'Atlantis' };
const order = (d: string) => ({ mini: 0, atlantis: 1 })[d];

describe('dataset layers', () => {
  it('the first dataset imported wins each property it sets; later ones fill what it leaves empty', () => {
    const layers: Layers = [['mini', mini], ['atlantis', atlantis]];
    expect(effectiveValues(layers)).toEqual({
      kind: 'organization',
      name: 'Northwind Movement',
      description: 'The hub.',
      country: 'Atlantis',
      aliases: ['NWM', 'Northwind of Atlantis', 'Atlantic Wind'],
    });
  });

  it('a layer goes in the order its dataset was first imported, whatever order the imports ran in', () => {
    const onlyAtlantis: Layers = [['atlantis', atlantis]];
    expect(withLayer(onlyAtlantis, 'mini', mini, order).map(([d]) => d)).toEqual(['mini', 'atlantis']);
  });

  it('removing a layer gives back exactly what the other dataset writes alone', () => {
    const shared = composeRecord('org-hub', [['mini', mini], ['atlantis', atlantis]]);
    expect(shared._layers).toBeTypeOf('string');
    const back = composeRecord('org-hub', withoutLayer(layersOf(shared), 'atlantis'), shared);
    expect(back).toEqual({ ...mini, id: 'org-hub', datasets: ['mini'] });
  });

  it('conflicts list the datasets that disagree, not aliases or derived dates', () => {
    const c = conflictsOf([
      ['mini', { ...mini, dateMin: '2001-01-01' }],
      ['atlantis', { ...atlantis, dateMin: '2002-01-01' }],
    ]);
    expect(c.map((x) => x.property)).toEqual(['description', 'kind', 'name']);
    expect(c[0]!.values).toEqual([
      { dataset: 'mini', value: 'The hub.' },
      { dataset: 'atlantis', value: 'An Atlantean movement.' },
    ]);
  });
});
