/**
 * The API as `npm start` serves it (createApp with the same deps), in its own
 * process, on a free loopback port; prints `LISTENING <port>` when ready.
 * Neo4j from NEO4J_URI / NEO4J_PASSWORD; the rate limit and the per-client /api/cypher concurrency are raised by the
 * bench (RATE_LIMIT_PER_MINUTE, CYPHER_CONCURRENCY_PER_CLIENT) so that the load is not refused, but the
 * limiters still run on every /api/cypher request.
 * With API_CPU_PROFILE=<file>, SIGUSR2 starts V8's CPU profiler (it prints
 * `PROFILING`) and stopping writes the profile there: the requests' CPU
 * without the start-up's.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createApp } from '../../server/api/app.ts';
import { createLogger } from '../../server/kernel/log.ts';
import { loadConfig } from '../../server/config.ts';
import { createDriver } from '../../server/neo4j/connection.ts';

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
const driver = createDriver(config.NEO4J_URI!, config.NEO4J_USER, config.NEO4J_PASSWORD!);
await driver.verifyConnectivity();
const app = createApp({ driver, database: config.NEO4J_DATABASE, config, log: createLogger(config.LOG_LEVEL) });
const server = app.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`LISTENING ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
let profiler: Session | undefined;
const profileFile = process.env.API_CPU_PROFILE;
if (profileFile) {
  process.on('SIGUSR2', () => {
    void (async () => {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
      process.stdout.write('PROFILING\n');
    })();
  });
}
const stop = () => {
  server.close();
  server.closeAllConnections();
  void (async () => {
    if (profiler && profileFile) writeFileSync(profileFile, JSON.stringify((await profiler.post('Profiler.stop')).profile));
    await driver.close();
  })().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
