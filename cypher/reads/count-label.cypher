MATCH (n:__LABEL__) RETURN count(n) AS count
