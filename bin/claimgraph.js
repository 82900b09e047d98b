#!/usr/bin/env node
// The `claimgraph` command (and every npm script of the app: npm start, npm run
// import, db, generate, schema:json): registers tsx (TypeScript, no build step)
// in this process and runs server/cli/main.ts.
// Exit codes: 0 ok, 1 invalid input/data, 2 usage, 3 database, 4 refused query.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
register();
// Output piped into a command that stops reading (`claimgraph query ... | head`) ends the program quietly.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const { main } = await import(pathToFileURL(path.join(root, 'server', 'cli', 'main.ts')).href);
process.exitCode = await main();
