// Deletes a saved view (it has no relationships).
MATCH (v:SavedView {savedViewId: $id})
DELETE v
RETURN count(*) AS deleted
