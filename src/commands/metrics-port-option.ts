import { InvalidArgumentError, Option } from 'commander';

/** `--metrics-port N` of `quai agent` and `quai hub`: the loopback port of `/metrics` (config key `metrics.port`; the flag wins). */
export function metricsPortOption(): Option {
  return new Option('--metrics-port <port>', 'serve Prometheus metrics at http://127.0.0.1:<port>/metrics, loopback only (config metrics.port)').argParser((value) => {
    const port = Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError('a metrics port is a number from 1 to 65535');
    return port;
  });
}
