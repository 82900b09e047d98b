/**
 * The properties and rows the writer sends for each record: built once here
 * for every strategy (and for the benchmarks' writers, through write.ts).
 */
import type { Claim, Entity, Source } from '../../model/dataset.ts';
import { dateBounds } from '../../model/dates.ts';
import { KIND_LABELS, type EntityKind } from '../../model/kinds.ts';
import { verificationProps, withoutVerificationProperties, type ClaimVerification } from '../../provenance/verify-claim.ts';
import type { DatasetPlan } from '../load.ts';

export type Props = Record<string, unknown>;
/** One row of an `UNWIND $rows` statement. */
export type Row = Props & { id: string; type?: string };

function flatten(extra: Record<string, unknown> | undefined, into: Props): void {
  if (!extra) return;
  for (const [k, v] of Object.entries(extra)) {
    if (k in into) continue; // core fields win
    // Neo4j lists must be homogeneous: mixed lists are stored as strings.
    if (Array.isArray(v) && new Set(v.map((x) => typeof x)).size > 1) into[k] = v.map(String);
    else into[k] = v;
  }
}

function compact(p: Props): Props {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
}

export function entityProps(e: Entity | Source, dataset: string): Props {
  const { properties, ...rest } = e;
  // Neo4j stores no maps: a source's document becomes two properties.
  const { document, ...core } = rest as typeof rest & { document?: Source['document'] };
  const props: Props = compact({ ...core, documentFile: document?.file, documentSha256: document?.sha256, datasets: [dataset] });
  flatten(properties, props);
  return props;
}

/**
 * What a node or claim shared with another dataset gains from this one: the
 * non-empty fields, not its name, kind or id (those stay as the first dataset
 * gave them; see cypher/import/merge-entities.cypher).
 */
export function mergeProps(p: Props): Props {
  return Object.fromEntries(
    Object.entries(p).filter(
      ([k, v]) => !['id', 'kind', 'name', 'aliases', 'datasets'].includes(k) && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

export function claimProps(c: Claim & { verification?: ClaimVerification }, dataset: string): Props {
  const { properties, from: _from, to: _to, type: _type, verification, ...core } = c;
  const points = [c.date, c.start, c.end].filter((d): d is string => d !== undefined);
  const props: Props = compact({
    ...core,
    // Provenance (issue 11): what checking the quote against the source's
    // document found, as flat properties (`no-document` when not checked).
    ...verificationProps(verification),
    dateMin: points.length ? points.map((d) => dateBounds(d).min).sort()[0] : undefined,
    dateMax: points.length ? points.map((d) => dateBounds(d).max).sort().at(-1) : undefined,
    datasets: [dataset],
  });
  flatten(withoutVerificationProperties(properties), props);
  return props;
}

/** The `:Dataset` node's properties (`cypher/import/merge-dataset.cypher`). */
export function datasetProps(plan: DatasetPlan, dataset: string): Props {
  return {
    name: dataset,
    title: plan.meta.title,
    description: plan.meta.description,
    license: plan.meta.license ?? null,
    folder: plan.folder,
    formats: [...new Set(plan.inputs.map((i) => i.format))],
  };
}

/** The kind label of an entity or source. */
export function labelOf(e: Entity | Source): string {
  return KIND_LABELS[e.kind as EntityKind];
}

/** A node row for the merging statements (merge-entities, create-entities): its properties, what it adds when shared, its names. */
export function mergeNodeRow(e: Entity | Source, props: Props): Row {
  return { id: e.id, label: labelOf(e), props, merge: mergeProps(props), names: [e.name, ...e.aliases] };
}

/** A claim row for the merging statements (merge-claims-typed, create-claims-typed). */
export function mergeClaimRow(c: Claim, props: Props): Row {
  return { id: c.id, type: c.type, from: c.from, to: c.to, props, merge: mergeProps(props) };
}
