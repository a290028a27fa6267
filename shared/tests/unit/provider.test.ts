import { provideService, ServiceUnavailable, type ServiceSources } from '../../src/services/provider';

function sources(overrides: Partial<ServiceSources> = {}): ServiceSources & { started: string[] } {
  const started: string[] = [];
  return {
    started,
    name: 'Thing',
    envVar: 'THING_URL',
    container: async () => {
      started.push('container');
      return { url: 'thing://container', stop: async () => {} };
    },
    embedded: async () => {
      started.push('embedded');
      return { url: 'thing://embedded', stop: async () => {} };
    },
    howToProvide: 'set THING_URL',
    ...overrides,
  };
}

const quiet = { log: () => {}, answers: async () => {} };

describe('choosing where a service comes from', () => {
  it('uses the URL from the environment first and starts nothing', async () => {
    const thing = sources();

    const service = await provideService(thing, {
      ...quiet,
      env: { THING_URL: 'thing://from-env' },
      hasContainerRuntime: async () => true,
    });

    expect(service).toMatchObject({ url: 'thing://from-env', origin: 'environment' });
    expect(thing.started).toEqual([]);
  });

  it('starts a container when a container runtime answers', async () => {
    const thing = sources();

    const service = await provideService(thing, { ...quiet, env: {}, hasContainerRuntime: async () => true });

    expect(service).toMatchObject({ url: 'thing://container', origin: 'container' });
    expect(thing.started).toEqual(['container']);
  });

  it('starts an embedded process when there is no container runtime', async () => {
    const thing = sources();

    const service = await provideService(thing, {
      ...quiet,
      env: {},
      hasContainerRuntime: async () => false,
    });

    expect(service).toMatchObject({ url: 'thing://embedded', origin: 'embedded' });
    expect(thing.started).toEqual(['embedded']);
  });

  it('says in one line which provider was used', async () => {
    const lines: string[] = [];

    await provideService(sources(), {
      env: {},
      hasContainerRuntime: async () => false,
      log: (l) => lines.push(l),
    });

    expect(lines).toEqual(['Thing: embedded at thing://embedded']);
  });

  it('hides the password of an environment URL in the log line', async () => {
    const lines: string[] = [];

    await provideService(sources(), {
      env: { THING_URL: 'thing://me:secret@host/db' },
      log: (l) => lines.push(l),
    });

    expect(lines).toEqual(['Thing: THING_URL from the environment (thing://me:***@host/db)']);
  });

  it('fails with a message telling how to provide the service when nothing can', async () => {
    const thing = sources({
      embedded: () => Promise.reject(new Error('redis-server: not found')),
    });

    const attempt = provideService(thing, { ...quiet, env: {}, hasContainerRuntime: async () => false });

    await expect(attempt).rejects.toThrow(ServiceUnavailable);
    await expect(attempt).rejects.toThrow(/redis-server: not found[\s\S]*set THING_URL/);
  });

  it('fails at once, naming the service and the variable, when the URL from the environment does not answer', async () => {
    const thing = sources();

    const attempt = provideService(thing, {
      ...quiet,
      env: { THING_URL: 'thing://me:secret@db.example:5432/x' },
      answers: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });

    await expect(attempt).rejects.toThrow(
      'Thing at THING_URL (thing://me:***@db.example:5432/x) does not answer: connect ECONNREFUSED',
    );
    expect(thing.started).toEqual([]);
  });
});
