/**
 * The API shape of the graph metrics computed in Neo4j (server/import/derived/metrics.ts,
 * POST /api/admin/metrics): apart from contract.ts, which the client reads.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export const MetricsResult = z
  .object({
    available: z.boolean().openapi({ description: 'false when the Neo4j server has no Graph Data Science procedures: nothing was computed' }),
    gdsVersion: z.string().optional(),
    entities: z.number(),
    relationships: z.number(),
    betweennessSamples: z.number().nullable().openapi({ description: 'Source nodes betweenness was estimated from; null when exact' }),
    communities: z.number(),
    modularity: z.number(),
    steps: z.array(z.object({ step: z.string(), ms: z.number(), computeMs: z.number().optional(), writeMs: z.number().optional() })),
    ms: z.number(),
  })
  .openapi('MetricsResult');
