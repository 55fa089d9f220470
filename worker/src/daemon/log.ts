import { pino, type Logger } from "pino";

/** JSON logs to stdout (pino); `name` tells the daemons apart when their logs are merged. */
export function createLogger(name: string, level: string): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
