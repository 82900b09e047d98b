#!/usr/bin/env node
// The `claimgraph` command: registers tsx (TypeScript, no build step) in this
// process and runs server/cli/main.ts, which sets the exit code.
// Exit codes: 0 ok, 1 invalid input/data, 2 usage, 3 database, 4 refused query.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
register();
await import(pathToFileURL(path.join(root, 'server', 'cli', 'main.ts')).href);
