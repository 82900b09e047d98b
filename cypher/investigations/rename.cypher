// A saved view's new name (its document unchanged).
MATCH (v:SavedView {savedViewId: $id})
SET v.savedViewName = $name, v.savedViewUpdatedAt = $now
RETURN v {.*} AS view
