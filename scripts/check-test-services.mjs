// Fails at once, with the command to run, when the local Postgres or Redis the tests need is down.
import net from 'node:net';

const checks = [
  {
    name: 'Postgres',
    url: new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gg_test'),
    start: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  },
  {
    name: 'Redis',
    url: new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'),
    start: 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
  },
];

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port), timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

let failed = false;
for (const check of checks) {
  const port = check.url.port || (check.name === 'Redis' ? 6379 : 5432);
  if (!(await reachable(check.url.hostname, port))) {
    console.error(`${check.name} is not running at ${check.url.hostname}:${port}; start it with: ${check.start}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
