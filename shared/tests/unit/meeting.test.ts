import { meetingOf } from '../../src/meeting';

describe('meetingOf', () => {
  it('keeps everyone waiting until the last one arrives', async () => {
    const meeting = meetingOf(3);
    const through: number[] = [];
    const arrive = (who: number) => meeting().then(() => through.push(who));

    const first = [arrive(1), arrive(2)];
    await new Promise((resolve) => setImmediate(resolve));
    const beforeTheLast = [...through];
    await Promise.all([...first, arrive(3)]);

    expect(beforeTheLast).toEqual([]);
    expect(through.sort()).toEqual([1, 2, 3]);
  });

  it('lets a latecomer straight through', async () => {
    const meeting = meetingOf(1);
    await meeting();

    await expect(meeting()).resolves.toBeUndefined();
  });
});
