import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { CliCommand } from '../command.js';
import { wholeNumber } from '../command.js';
import type { RelayConfig } from '../../relay/config.js';

interface RelayFlags {
  config?: string;
  host?: string;
  port?: number;
  newKey?: boolean;
}

/** The signals that stop a running relay (systemd sends SIGTERM; Ctrl-C is SIGINT). */
const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * `relay`: runs the publishing relay on the machine whose IP is on the account's whitelist,
 * until SIGTERM or SIGINT; then it finishes the requests under way and exits 0. The access log
 * goes to stdout (one JSON line per request), the start and configuration warnings to stderr.
 * `--new-key` prints a fresh key secret and exits.
 */
export const relayCommand: CliCommand = (program, context) => {
  program
    .command('relay')
    .description('Run the publishing relay on the machine whose IP is on the account\u2019s whitelist: it holds the AppSecret and the token, and forwards signed publish calls')
    .option('--config <file>', 'the configuration, JSON or YAML (default: $WECHAT_RELAY_CONFIG; the environment adds to it)')
    .option('--host <address>', 'the address to listen on (default 127.0.0.1; $WECHAT_RELAY_HOST)')
    .option('--port <port>', 'the port (default 8787; $WECHAT_RELAY_PORT)', wholeNumber('--port', '8787'))
    .option('--new-key', 'print a new random key secret for a client (keys[].secret on the relay, WECHAT_RELAY_KEY on the client) and exit')
    .addHelpText(
      'after',
      '\nEnvironment: WECHAT_RELAY_CONFIG, WECHAT_RELAY_HOST, WECHAT_RELAY_PORT, WECHAT_API_BASE, WECHAT_RELAY_TLS_CERT and WECHAT_RELAY_TLS_KEY,\n' +
        'WECHAT_APP_ID and WECHAT_APP_SECRET (one account), WECHAT_RELAY_KEYS ("id:secret" or "id:secret:wx1,wx2", separated by spaces).\n' +
        'stdout: the access log, one JSON line per request (never a secret, token, key or body). Stops on SIGTERM or SIGINT after the requests under way.\n' +
        'Clients publish with --relay <url> and WECHAT_RELAY_KEY_ID / WECHAT_RELAY_KEY. TLS, a reverse proxy and a systemd unit: docs/relay.md.\n\n' +
        'Examples:\n  wechat-digest relay --new-key\n  WECHAT_RELAY_KEYS="laptop:$KEY" WECHAT_APP_ID=wx… WECHAT_APP_SECRET=… wechat-digest relay --port 8787\n  wechat-digest relay --config /etc/wechat-digest/relay.yaml',
    )
    .action(async (flags: RelayFlags) => {
      const { io } = context;
      if (flags.newKey) {
        io.stdout.write(`${randomBytes(32).toString('hex')}\n`);
        return;
      }
      // Loaded here: only this command needs the relay.
      const { readRelayConfigFile, relayConfigFromEnv } = await import('../../relay/config.js');
      const { startRelay } = await import('../../relay/server.js');
      const file = flags.config ?? io.env.WECHAT_RELAY_CONFIG;
      const path = file ? resolve(io.cwd, file) : undefined;
      const read = path ? await readRelayConfigFile(path) : { config: {}, warnings: [] };
      for (const warning of read.warnings) io.stderr.write(`warning: ${warning}\n`);
      const config = relayConfigFromEnv(read.config, io.env, io.cwd);
      if (flags.host !== undefined) config.host = flags.host;
      if (flags.port !== undefined) config.port = flags.port;
      const source = path ? `${path} and the environment` : 'the environment';
      // Checked by startRelay against the schema, with `source` in its message.
      const relay = await startRelay(config as RelayConfig, { log: (line) => void io.stdout.write(`${line}\n`) }, source);
      io.stderr.write(`relay listening at ${relay.url} (stop with Ctrl-C or SIGTERM)\n`);
      const signal = await new Promise<string>((done) => {
        const handlers = STOP_SIGNALS.map((name) => {
          const handler = () => {
            for (const [n, h] of handlers) process.off(n, h);
            done(name);
          };
          process.on(name, handler);
          return [name, handler] as const;
        });
      });
      io.stderr.write(`${signal}: finishing ${relay.inFlight} request${relay.inFlight === 1 ? '' : 's'} under way, then stopping\n`);
      await relay.close();
      io.stderr.write('relay stopped\n');
    });
};
