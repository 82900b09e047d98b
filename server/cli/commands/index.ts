/**
 * Every command of the `claimgraph` program, in the order `--help` lists them.
 * A new command is one module exporting a CliCommand (../command.ts) and one
 * line here.
 */
import type { CliCommand } from '../command.ts';
import { dbCommand } from './db.ts';
import { exportCommand } from './export.ts';
import { generateCommand } from './generate.ts';
import { importCommand } from './import.ts';
import { queryCommand } from './query.ts';
import { schemaJsonCommand } from './schema-json.ts';
import { startCommand } from './start.ts';
import { statsCommand } from './stats.ts';
import { verifyCommand } from './verify.ts';

export const COMMANDS: readonly CliCommand[] = [startCommand, importCommand, exportCommand, queryCommand, statsCommand, verifyCommand, dbCommand, generateCommand, schemaJsonCommand];
