// A new saved view. The id is random (server/investigations/store.ts); the
// unique constraint refuses a collision, which the caller retries.
CREATE (v:SavedView {
  savedViewId: $id,
  savedViewName: $name,
  savedViewTitle: $title,
  savedViewDocument: $document,
  savedViewCreatedAt: $now,
  savedViewUpdatedAt: $now,
  savedViewBytes: $bytes,
  savedViewDatasets: $datasets,
  savedViewNotes: $notes,
  savedViewSteps: $steps
})
RETURN v {.*} AS view
