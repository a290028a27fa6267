import { connect } from 'node:net';
/** A service a test run talks to, and how to let go of it afterwards. */
export interface RunningService {
  readonly url: string;
  stop(): Promise<void>;
}

export type Origin = 'environment' | 'container' | 'embedded';

export interface ProvidedService extends RunningService {
  readonly origin: Origin;
}

/** Where one kind of service can come from, in the order the helpers try them. */
export interface ServiceSources {
  readonly name: string;
  /** An environment variable holding a URL; when set it wins and nothing is started. */
  readonly envVar: string;
  readonly container: () => Promise<RunningService>;
  readonly embedded: () => Promise<RunningService>;
  /** Printed when no source could provide the service. */
  readonly howToProvide: string;
}

export interface ProviderOptions {
  env?: NodeJS.ProcessEnv;
  hasContainerRuntime?: () => Promise<boolean>;
  log?: (line: string) => void;
  /** Rejects when nothing answers at the URL; default: a TCP connection within a few seconds. */
  answers?: (url: string) => Promise<void>;
}

export class ServiceUnavailable extends Error {
  override name = 'ServiceUnavailable';
}

const logLine = (line: string): void => {
  process.stderr.write(`[shared] ${line}\n`);
};

/** Environment URL first, then a container when a runtime answers, else an embedded process. */
export async function provideService(
  sources: ServiceSources,
  {
    env = process.env,
    hasContainerRuntime = containerRuntimeAvailable,
    log = logLine,
    answers = answersWithin(3_000),
  }: ProviderOptions = {},
): Promise<ProvidedService> {
  const fromEnv = env[sources.envVar];
  if (fromEnv) {
    // a server that is down, or a host that drops packets, must not hang whatever needs it
    await answers(fromEnv).catch((error: unknown) => {
      throw new ServiceUnavailable(
        `${sources.name} at ${sources.envVar} (${redact(fromEnv)}) does not answer: ${describe(error)}. ` +
          `Start it, or unset ${sources.envVar} to have one provided.`,
        { cause: error },
      );
    });
    log(`${sources.name}: ${sources.envVar} from the environment (${redact(fromEnv)})`);
    return { url: fromEnv, origin: 'environment', stop: async () => {} };
  }
  const [origin, start] = (await hasContainerRuntime())
    ? (['container', sources.container] as const)
    : (['embedded', sources.embedded] as const);
  let service: RunningService;
  try {
    service = await start();
  } catch (error) {
    throw new ServiceUnavailable(
      `${sources.name} could not be started (${origin}): ${describe(error)}\n${sources.howToProvide}`,
      { cause: error },
    );
  }
  log(`${sources.name}: ${origin === 'container' ? 'testcontainers' : 'embedded'} at ${redact(service.url)}`);
  return { ...service, origin };
}

const DEFAULT_PORTS: Record<string, number> = {
  'postgres:': 5432,
  'postgresql:': 5432,
  'redis:': 6379,
  'smtp:': 25,
};

/**
 * Whether the server at the URL answers within `timeoutMs`: a TCP connection opens and, when `reply` is
 * asked for, something comes back (after `say`, a Redis PING; an SMTP server greets unasked). A
 * connection alone passes a server that hangs.
 */
export function answersWithin(timeoutMs: number, reply?: { say?: string }): (url: string) => Promise<void> {
  return (url) => {
    const { hostname, port, protocol } = new URL(url);
    const target = Number(port) || DEFAULT_PORTS[protocol];
    if (target === undefined) return Promise.resolve(); // a scheme with no known port: nothing to try
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: target });
    return new Promise<void>((resolve, reject) => {
      socket.setTimeout(timeoutMs, () => reject(new Error(`no answer within ${timeoutMs / 1000} s`)));
      socket.once('connect', () => (reply === undefined ? resolve() : socket.write(reply.say ?? '')));
      socket.once('data', () => resolve());
      socket.once('error', reject);
    }).finally(() => socket.destroy());
  };
}

let runtimeAnswer: Promise<boolean> | undefined;

/** Where a test run keeps the answer, for the processes it starts: `yes` or `no`. */
export const CONTAINER_RUNTIME_ENV = 'SHARED_CONTAINER_RUNTIME';

/**
 * Whether Docker (or another runtime testcontainers speaks to) answers; asked once per process, or once
 * per run where the run's set-up has put the answer in SHARED_CONTAINER_RUNTIME (`rememberContainerRuntime`):
 * jest loads each test file's modules afresh, and testcontainers is a large graph to load just to ask.
 */
export function containerRuntimeAvailable(): Promise<boolean> {
  const known = process.env[CONTAINER_RUNTIME_ENV];
  if (known === 'yes' || known === 'no') return Promise.resolve(known === 'yes');
  runtimeAnswer ??= (async () => {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  })().catch(() => false);
  return runtimeAnswer;
}

/** Asks once, and leaves the answer in the environment of every process started from now on. */
export async function rememberContainerRuntime(): Promise<void> {
  process.env[CONTAINER_RUNTIME_ENV] = (await containerRuntimeAvailable()) ? 'yes' : 'no';
}

export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
