/**
 * The JSON Schema editors use (data/dataset.schema.json) is what the zod
 * schemas generate, and an independent validator (Ajv, JSON Schema 2020-12)
 * accepts the shipped datasets and rejects the shapes the importer rejects.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { datasetFileJsonSchema, datasetMetaJsonSchema } from '../../server/model/json-schema.ts';

const committed = (f: string) => JSON.parse(readFileSync(path.join('data', f), 'utf8')) as Record<string, unknown>;

describe('dataset JSON Schema', () => {
  it('the committed files are what the zod schemas generate (run npm run schema:json)', () => {
    expect(committed('dataset.schema.json')).toEqual(datasetFileJsonSchema());
    expect(committed('dataset-meta.schema.json')).toEqual(datasetMetaJsonSchema());
  });

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validateFile = ajv.compile(datasetFileJsonSchema());
  const validateMeta = ajv.compile(datasetMetaJsonSchema());

  for (const folder of ['data/mek-network', 'tests/fixtures/mini']) {
    it(`accepts every file of ${folder}`, () => {
      for (const f of readdirSync(folder).filter((x) => x.endsWith('.yaml'))) {
        const doc = parse(readFileSync(path.join(folder, f), 'utf8'), { merge: true });
        const ok = f === 'dataset.yaml' ? validateMeta(doc) : validateFile(doc);
        expect(ok ? [] : (f === 'dataset.yaml' ? validateMeta : validateFile).errors, `${folder}/${f}`).toEqual([]);
      }
    });
  }

  it('rejects an unknown status, a missing sourceId, an unknown field and a bad kind', () => {
    const claim = { id: 'c', type: 'LEADS', from: 'a', to: 'b', sourceId: 's', status: 'reported', quote: 'q' };
    expect(validateFile({ claims: [claim] })).toBe(true);
    expect(validateFile({ claims: [{ ...claim, status: 'rumoured' }] })).toBe(false);
    const { sourceId: _omit, ...noSource } = claim;
    expect(validateFile({ claims: [noSource] })).toBe(false);
    expect(validateFile({ claims: [{ ...claim, sorceId: 's' }] })).toBe(false);
    expect(validateFile({ entities: [{ id: 'x', kind: 'planet', name: 'X' }] })).toBe(false);
    expect(validateFile({ entities: [{ id: 'x', kind: 'person', name: 'X' }] })).toBe(true);
  });
});
