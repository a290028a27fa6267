import { injectDependencies } from '../../src/bootstrap';
import * as commands from '../../src/domain/commands';
import type { Dependencies } from '../../src/service-layer/handlers';

describe('inject dependencies', () => {
  it('gives the handler the message and the dependencies, and keeps its name for the logs', async () => {
    const dependencies = { uow: {}, notifications: {} } as unknown as Dependencies;
    const received: [commands.Allocate, Dependencies][] = [];
    async function allocate(cmd: commands.Allocate, deps: Dependencies): Promise<void> {
      received.push([cmd, deps]);
    }
    const cmd = new commands.Allocate('o1', 'LAMP', 1);

    const injected = injectDependencies(allocate, dependencies);
    await injected(cmd);

    expect(received).toEqual([[cmd, dependencies]]);
    expect(received[0]?.[1]).toBe(dependencies);
    expect(injected.name).toBe('allocate');
  });
});
