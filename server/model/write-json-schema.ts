/** `npm run schema:json`: writes data/dataset.schema.json and data/dataset-meta.schema.json. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetFileJsonSchema, datasetMetaJsonSchema } from './json-schema.ts';

const data = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data');
writeFileSync(path.join(data, 'dataset.schema.json'), JSON.stringify(datasetFileJsonSchema(), null, 2) + '\n');
writeFileSync(path.join(data, 'dataset-meta.schema.json'), JSON.stringify(datasetMetaJsonSchema(), null, 2) + '\n');
console.log('wrote data/dataset.schema.json and data/dataset-meta.schema.json');
