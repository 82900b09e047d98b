// Claims per status, strongest first is the caller's business.
MATCH ()-[r]->() WHERE r.status IS NOT NULL
RETURN r.status AS status, count(*) AS count
ORDER BY count DESC, status
