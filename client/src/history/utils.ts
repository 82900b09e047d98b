export const UNDO_LIMIT = 60;
