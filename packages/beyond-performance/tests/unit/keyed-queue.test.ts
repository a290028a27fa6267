import { KeyedQueue } from '../../src/service-layer/keyed-queue';

/** A task that records when it starts and ends, and ends when told to. */
function task(name: string, log: string[]) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    run: async () => {
      log.push(`start ${name}`);
      try {
        return await done;
      } finally {
        log.push(`end ${name}`);
      }
    },
    finish: () => finish(name),
    fail: () => fail(new Error(`${name} failed`)),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

it('runs the tasks of one key one after another, in the order they came', async () => {
  const [queue, log] = [new KeyedQueue(), [] as string[]];
  const [a, b, c] = [task('a', log), task('b', log), task('c', log)];

  const results = [a, b, c].map((t) => queue.run('LAMP', t.run));
  await settle();
  expect(log).toEqual(['start a']);

  c.finish();
  b.finish();
  a.finish();

  expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
  expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
});

it('runs tasks of other keys, or of none, alongside', async () => {
  const [queue, log] = [new KeyedQueue(), [] as string[]];
  const [a, b, c] = [task('a', log), task('b', log), task('c', log)];

  const results = [queue.run('LAMP', a.run), queue.run('TABLE', b.run), queue.run(undefined, c.run)];
  await settle();

  expect([...log].sort()).toEqual(['start a', 'start b', 'start c']); // all three started, none ended
  [a, b, c].forEach((t) => t.finish());
  expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
});

it('gives a failure to its caller, and runs the next task all the same', async () => {
  const [queue, log] = [new KeyedQueue(), [] as string[]];
  const [a, b] = [task('a', log), task('b', log)];

  const first = queue.run('LAMP', a.run);
  const second = queue.run('LAMP', b.run);
  a.fail();
  b.finish();

  await expect(first).rejects.toThrow('a failed');
  await expect(second).resolves.toBe('b');
});

it('forgets a key once its tasks are done', async () => {
  const queue = new KeyedQueue();

  await Promise.all([queue.run('LAMP', async () => 1), queue.run('TABLE', async () => 2)]);

  expect(queue.size).toBe(0);
});

it('runs tasks with no key alongside each other', async () => {
  const [queue, log] = [new KeyedQueue(), [] as string[]];
  const [a, b] = [task('a', log), task('b', log)];

  const results = [queue.run(undefined, a.run), queue.run(undefined, b.run)];
  await settle();

  expect(log).toEqual(['start a', 'start b']);
  [a, b].forEach((t) => t.finish());
  expect(await Promise.all(results)).toEqual(['a', 'b']);
  expect(queue.size).toBe(0);
});

it('keeps a key while a later task of it is still queued', async () => {
  const [queue, log] = [new KeyedQueue(), [] as string[]];
  const [a, b, c] = [task('a', log), task('b', log), task('c', log)];
  const first = queue.run('LAMP', a.run);
  const second = queue.run('LAMP', b.run);

  a.finish();
  await first;
  expect(queue.size).toBe(1);
  const third = queue.run('LAMP', c.run); // queued behind b, not alongside it
  await settle();
  expect(log).toEqual(['start a', 'end a', 'start b']);

  b.finish();
  c.finish();
  expect(await Promise.all([second, third])).toEqual(['b', 'c']);
  expect(queue.size).toBe(0);
});
