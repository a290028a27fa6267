type Step = { readonly name: string; readonly run: () => Promise<void> };

/**
 * What has been started, stopped in reverse order. Stopping happens once: a signal arriving while the
 * bench is already on its way out waits for the same run instead of starting a second one.
 */
export class Cleanup {
  private readonly steps: Step[] = [];
  private running?: Promise<void>;

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  runAll(): Promise<void> {
    this.running ??= this.drain();
    return this.running;
  }

  private async drain(): Promise<void> {
    for (let step = this.steps.pop(); step !== undefined; step = this.steps.pop()) {
      try {
        await step.run();
      } catch (error) {
        console.error(
          `could not stop ${step.name}: ${error instanceof Error ? error.message : String(error)}`,
        ); // keep going: the rest must stop too
      }
    }
  }
}

/** Ctrl-C or a kill during the run still stops the chapter, Redis and PostgreSQL, and removes their data. */
export function cleanUpOnSignals(cleanup: Cleanup): void {
  const exitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`${signal}: stopping everything the bench started`); // a second Ctrl-C must not cut that short
      void cleanup.runAll().finally(() => process.exit(exitCodes[signal]));
    });
  }
}
