const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const; // SIGHUP: the terminal closed

/** Calls `handler` on SIGINT, SIGTERM and SIGHUP, so that the app always stops first and its database last. */
export function handleShutdownSignals(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, handler);
}
