/**
 * The JSON Schema of an investigation file, generated from the zod schema
 * (schema.ts) for editors and other tools; `npm run schema:json` writes it to
 * shared/investigation/investigation.schema.json and a unit test keeps the
 * committed file equal to what the schema generates. Refinements (unique ids,
 * the version bound) are the reader's; the JSON Schema has the shapes.
 */
import { z } from 'zod';
import { InvestigationDocument } from './schema.ts';

export function investigationJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(InvestigationDocument, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
