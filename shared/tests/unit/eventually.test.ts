import { eventually } from '../../src/eventually';
import { randomBatchref, randomOrderid, randomSku } from '../../src/random-refs';

describe('eventually', () => {
  it('retries an assertion until it passes and returns its value', async () => {
    let calls = 0;

    const value = await eventually(
      () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
        return calls;
      },
      { interval: 1 },
    );

    expect(value).toBe(3);
  });

  it('rethrows the last failure after the deadline', async () => {
    const attempt = eventually(
      () => {
        throw new Error('never');
      },
      { timeout: 30, interval: 5 },
    );

    await expect(attempt).rejects.toThrow('never');
  });
});

describe('random refs', () => {
  it('carry the kind, the name and a random suffix', () => {
    expect(randomSku('other')).toMatch(/^sku-other-[0-9a-f]{6}$/);
    expect(randomBatchref(1)).toMatch(/^batch-1-[0-9a-f]{6}$/);
    expect(randomOrderid()).toMatch(/^order--[0-9a-f]{6}$/);
    expect(randomSku()).not.toEqual(randomSku());
  });
});
