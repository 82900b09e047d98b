/**
 * The JSON Schema of one dataset file (entities, sources, claims), generated
 * from the zod schemas so editors (VS Code's YAML extension, JetBrains) can
 * validate and complete dataset files as they are typed. Written to
 * data/dataset.schema.json by `npm run schema:json`; a unit test keeps the
 * committed file equal to what the schemas generate.
 *
 * Checks that need the whole dataset (unique ids, references that resolve)
 * and refinements (real calendar dates) are the importer's; the schema has
 * the shapes, enums, patterns and required fields.
 */
import { z } from 'zod';
import { Claim, DatasetMeta, Entity, Source } from './dataset.ts';

export function datasetFileJsonSchema(): Record<string, unknown> {
  const file = z
    .object({
      entities: z.array(Entity).optional(),
      sources: z.array(Source).optional(),
      claims: z.array(Claim).optional(),
    })
    .strict()
    .meta({ title: 'claimgraph dataset file', description: 'One YAML/JSON file of a claimgraph dataset folder: see data/README.md' });
  return z.toJSONSchema(file, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

export function datasetMetaJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(DatasetMeta.meta({ title: 'claimgraph dataset.yaml' }), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
