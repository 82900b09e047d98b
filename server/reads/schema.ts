/** What the graph holds: labels and types with counts, vocabulary, statuses, datasets. */
import type { z } from 'zod';
import type { Deps } from '../kernel/deps.ts';
import type { SchemaInfo } from '../kernel/contract.ts';
import { ENTITY_KINDS, KIND_LABELS, KIND_MEANINGS } from '../model/kinds.ts';
import { CLAIM_STATUSES, STATUS_MEANINGS, statusRank } from '../model/statuses.ts';
import { RELATION_TYPES, RELATIONS } from '../model/vocabulary.ts';
import { VERIFICATION_OUTCOMES, type VerificationOutcome } from '../model/verification.ts';
import { cypher, withLabel, withType } from '../neo4j/cypher.ts';
import { toPlain } from '../neo4j/values.ts';
import { inReadTransaction } from '../neo4j/read.ts';

export async function schemaInfo(deps: Deps): Promise<z.output<typeof SchemaInfo>> {
  return inReadTransaction(deps, async (tx) => {
    const num = async (text: string) => Number(toPlain((await tx.run(text)).records[0]?.get('count')) ?? 0);
    const labels: { label: string; count: number }[] = [{ label: 'Entity', count: 0 }];
    const kinds = [];
    for (const k of ENTITY_KINDS) {
      const count = await num(withLabel(cypher('reads/count-label'), KIND_LABELS[k]));
      labels.push({ label: KIND_LABELS[k], count });
      kinds.push({ kind: k, label: KIND_LABELS[k], meaning: KIND_MEANINGS[k], count });
    }
    const types = [];
    for (const t of RELATION_TYPES) types.push({ type: t, count: await num(withType(cypher('reads/count-type'), t)), meaning: RELATIONS[t].meaning });
    const misc = (await tx.run(cypher('reads/schema-misc'))).records[0]!;
    labels[0]!.count = Number(toPlain(misc.get('entities')));
    const datasets = (misc.get('datasets') as { name: string; title: string | null }[]).filter((d) => d && d.name);
    const dsCounts = datasets.length ? (await tx.run(cypher('reads/dataset-counts'), { names: datasets.map((d) => d.name) })).records : [];
    return {
      labels: labels.filter((l) => l.count > 0 || l.label === 'Entity'),
      relationshipTypes: types.filter((t) => t.count > 0),
      propertyKeys: (misc.get('propertyKeys') as string[]).sort(),
      statuses: CLAIM_STATUSES.map((s) => ({ status: s, rank: statusRank(s), meaning: STATUS_MEANINGS[s] })),
      vocabulary: RELATION_TYPES.map((t) => ({ type: t, meaning: RELATIONS[t].meaning, financial: RELATIONS[t].financial === true })),
      kinds,
      datasets: datasets.map((d) => {
        const c = dsCounts.find((r) => r.get('name') === d.name);
        const verification = Object.fromEntries(VERIFICATION_OUTCOMES.map((o) => [o, 0])) as Record<VerificationOutcome, number>;
        for (const v of (c?.get('verification') ?? []) as { outcome: string; count: unknown }[]) {
          if ((VERIFICATION_OUTCOMES as readonly string[]).includes(v.outcome)) verification[v.outcome as VerificationOutcome] += Number(toPlain(v.count));
        }
        return { name: d.name, title: d.title ?? null, nodes: Number(toPlain(c?.get('nodes') ?? 0)), claims: Number(toPlain(c?.get('claims') ?? 0)), verification };
      }),
    };
  });
}
