// The edge cap's lists of a batch of dense entities (dense.ts outProps).
UNWIND $rows AS row
MATCH (x:DenseIndex {id: row.id})
SET x.outPacked = row.props.outPacked, x.outKey = row.props.outKey, x.outBest = row.props.outBest
