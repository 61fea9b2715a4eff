// Finding the article already saved under an address: adding, importing and restoring all ask.

/** The live article saved under an address, as given, after redirects, or canonical. One
 * indexed lookup per column: an OR with ORDER BY rid makes SQLite scan the whole table. */
export const FIND_SAVED_URL_SQL = `SELECT id FROM (
     SELECT id, rid FROM articles WHERE url = :url AND deleted_at IS NULL
     UNION ALL SELECT id, rid FROM articles WHERE final_url = :url AND deleted_at IS NULL
     UNION ALL SELECT id, rid FROM articles WHERE canonical_url = :url AND deleted_at IS NULL)
   ORDER BY rid LIMIT 1`;
