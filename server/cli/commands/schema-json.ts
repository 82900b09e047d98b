/**
 * `claimgraph schema:json` (`npm run schema:json`): writes
 * data/dataset.schema.json and data/dataset-meta.schema.json (editor
 * validation of dataset files) and shared/investigation/investigation.schema.json
 * (investigation files) from the zod schemas.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetFileJsonSchema, datasetMetaJsonSchema } from '../../model/json-schema.ts';
import { investigationJsonSchema } from '../../../shared/investigation/json-schema.ts';
import type { CliCommand } from '../command.ts';
import { EXIT } from '../exit.ts';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data');
const INVESTIGATION = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/investigation');

export const schemaJsonCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('schema:json')
      .description('Regenerate data/dataset.schema.json and data/dataset-meta.schema.json (editor validation of dataset files) and shared/investigation/investigation.schema.json from the zod schemas.')
      .action(
        ctx.action(async () => {
          writeFileSync(path.join(DATA, 'dataset.schema.json'), JSON.stringify(datasetFileJsonSchema(), null, 2) + '\n');
          writeFileSync(path.join(DATA, 'dataset-meta.schema.json'), JSON.stringify(datasetMetaJsonSchema(), null, 2) + '\n');
          writeFileSync(path.join(INVESTIGATION, 'investigation.schema.json'), JSON.stringify(investigationJsonSchema(), null, 2) + '\n');
          console.log('wrote data/dataset.schema.json, data/dataset-meta.schema.json and shared/investigation/investigation.schema.json');
          return EXIT.OK;
        }),
      );
  },
};
