import { startPostgres } from '../services/postgres';
import { answersWithin, type Origin, type ProvidedService, redact } from '../services/provider';
import { startRedis } from '../services/redis';

/** What the app is given: its environment, and a line per service for the user. */
export interface Provided {
  readonly env: NodeJS.ProcessEnv;
  readonly report: string[];
}

export interface ProvideOptions {
  /** Redis too: `optional` when the app runs without one (external events off), `required` when it cannot. */
  readonly redis?: 'optional' | 'required';
  /** Each service is added as it starts, so that whatever happens next, the caller can stop it. */
  readonly started: ProvidedService[];
  /** Asked after each step: a signal during start-up goes no further. */
  readonly interrupted: () => boolean;
  /** Told when the PostgreSQL started here goes away on its own. */
  readonly onDatabaseLost?: (why: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

class StartupInterrupted extends Error {
  override name = 'StartupInterrupted';
}

const quiet = { log: () => {} }; // the launcher tells what it uses itself, in its own words

/** PostgreSQL (required), Redis when asked for (optional), SMTP from SMTP_URL only. */
export async function provideServices({
  redis,
  started,
  interrupted,
  onDatabaseLost,
  env = process.env,
}: ProvideOptions): Promise<Provided> {
  const provided: Provided = { env: { ...env }, report: [] };
  const checkpoint = (): void => {
    if (interrupted()) throw new StartupInterrupted('a signal came during start-up');
  };

  const postgres = await startPostgres({ ...quiet, env, onUnexpectedExit: onDatabaseLost });
  started.push(postgres);
  provided.env.DATABASE_URL = postgres.url;
  provided.report.push(
    `PostgreSQL: ${describe(postgres, 'DATABASE_URL', 'embedded (data discarded on exit)')}`,
  );
  checkpoint();

  if (redis) {
    try {
      const server = await startRedis({ ...quiet, env });
      started.push(server);
      provided.env.REDIS_URL = server.url;
      provided.report.push(`Redis:      ${describe(server, 'REDIS_URL', 'redis-server from PATH')}`);
    } catch (error) {
      // only a Redis the launcher was to provide may be missing: a REDIS_URL the user gave must answer
      if (redis === 'required' || env.REDIS_URL) throw error;
      delete provided.env.REDIS_URL;
      provided.report.push(
        'Redis:      none, so external events are OFF. To turn them on, install redis-server',
        '            (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL',
      );
    }
    checkpoint();
  }

  if (env.SMTP_URL) {
    const smtpUrl = env.SMTP_URL;
    await answersWithin(
      3_000,
      {},
    )(smtpUrl).catch((error: unknown) => {
      throw new Error(`SMTP at SMTP_URL (${redact(smtpUrl)}) does not answer: ${(error as Error).message}`);
    });
  }
  provided.report.push(
    `Email:      ${env.SMTP_URL ? 'sent to SMTP_URL' : 'logged only (set SMTP_URL to send it)'}`,
  );
  return provided;
}

function describe(service: ProvidedService, envVar: string, embedded: string): string {
  const origins: Record<Origin, string> = {
    environment: `${envVar} from the environment`,
    container: `a testcontainers container at ${service.url} (removed on exit)`,
    embedded: `${embedded} at ${service.url}`,
  };
  return origins[service.origin];
}
