// Saved views (server/investigations): one :SavedView node per view, never an
// :Entity, with savedView* properties only (server/investigations/isolation.ts
// says how reads of data keep away from them). Idempotent; run before the first write.
CREATE CONSTRAINT saved_view_id IF NOT EXISTS FOR (v:SavedView) REQUIRE v.savedViewId IS UNIQUE;
