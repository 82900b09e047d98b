// The Graph Data Science version, when the server has it (fails otherwise).
CALL gds.version() YIELD gdsVersion
RETURN gdsVersion AS version
