type Stop = () => Promise<void>;

export class StartupInterrupted extends Error {
  override name = 'StartupInterrupted';
}

/**
 * Stops what `pnpm start` started, in reverse order, on SIGINT or SIGTERM. It listens before anything
 * starts, so a signal during start-up is honoured too: the start-up ends at its next step, and what
 * it had started is stopped. A second signal while stopping changes nothing.
 */
export class Shutdown {
  private readonly stops: Stop[] = [];
  private requested = false;
  private running = false;
  private stopping?: Promise<void>;

  listen(): this {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (this.requested) return;
        this.requested = true;
        process.stdout.write(`${signal}: shutting down\n`);
        if (this.running) void this.exit(0);
      });
    }
    return this;
  }

  /** Keeps `stop` for the way out; throws StartupInterrupted if a signal came meanwhile. */
  add(stop: Stop): void {
    this.stops.push(stop);
    if (this.requested) throw new StartupInterrupted('a signal came during start-up');
  }

  /** Start-up is over: from now on a signal stops everything at once. */
  async started(): Promise<void> {
    this.running = true;
    if (this.requested) await this.exit(0);
  }

  async exit(code: number): Promise<never> {
    this.stopping ??= (async () => {
      for (const stop of this.stops.reverse()) await stop().catch((error: unknown) => console.error(error));
    })();
    await this.stopping;
    process.exit(code);
  }
}
