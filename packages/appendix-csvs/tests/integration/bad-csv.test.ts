import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allocateFromCsv } from '../../src/entrypoints/allocate-from-csv';
import { useCsvFolder } from '../csv-folder';

const folder = useCsvFolder();

const EXISTING = [
  ['orderid', 'sku', 'qty', 'batchref'],
  ['o1', 'LAMP', '2', 'b1'],
];

/** A folder whose batches.csv and allocations.csv are good, unless a test says otherwise. */
async function arrange(files: {
  batches?: (string | number)[][];
  orders: (string | number)[][];
}): Promise<void> {
  await folder.makeCsv(
    'batches.csv',
    files.batches ?? [
      ['ref', 'sku', 'qty', 'eta'],
      ['b1', 'LAMP', 10, ''],
    ],
  );
  await folder.makeCsv('allocations.csv', EXISTING);
  await folder.makeCsv('orders.csv', files.orders);
}

/** A bad file writes nothing: allocations.csv is as it was, and no temporary file is left behind. */
async function expectNothingWritten(): Promise<void> {
  expect(await folder.readCsv('allocations.csv')).toEqual(EXISTING);
  expect((await readdir(folder.path)).sort()).toEqual(['allocations.csv', 'batches.csv', 'orders.csv']);
}

describe('a bad file gives one line naming the file and the line, and writes nothing', () => {
  it('missing column', async () => {
    await arrange({
      orders: [
        ['orderid', 'sku'],
        ['o2', 'LAMP'],
      ],
    });

    const attempt = allocateFromCsv(folder.path);

    await expect(attempt).rejects.toThrow(/^orders\.csv line 1: missing column "qty"$/);
    await expect(attempt).rejects.toHaveProperty('name', 'CsvFileError'); // what a log line calls it
    await expectNothingWritten();
  });

  it('a row with fewer fields than the header', async () => {
    await arrange({
      orders: [
        ['orderid', 'sku', 'qty'],
        ['o2', 'LAMP'],
      ],
    });

    await expect(allocateFromCsv(folder.path)).rejects.toThrow(
      /^orders\.csv line 2: 2 fields where the header has 3$/,
    );
    await expectNothingWritten();
  });

  it.each(['2.5', '0', '-1', '1e3', ' 3', '3 ', '99999999999999999999'])(
    'qty that is not a positive integer: %j',
    async (qty) => {
      await arrange({
        orders: [
          ['orderid', 'sku', 'qty'],
          ['o2', 'LAMP', 1],
          ['o3', 'LAMP', qty],
        ],
      });

      const attempt = allocateFromCsv(folder.path);

      await expect(attempt).rejects.toHaveProperty(
        'message',
        `orders.csv line 3: qty must be a positive integer, not ${JSON.stringify(qty)}`,
      );
      await expectNothingWritten();
    },
  );

  it('impossible date', async () => {
    const batches = [
      ['ref', 'sku', 'qty', 'eta'],
      ['b1', 'LAMP', 10, ''],
      ['b2', 'LAMP', 10, '2011-02-30'],
    ];
    await arrange({
      batches,
      orders: [
        ['orderid', 'sku', 'qty'],
        ['o2', 'LAMP', 1],
      ],
    });

    const attempt = allocateFromCsv(folder.path);

    await expect(attempt).rejects.toThrow(
      /^batches\.csv line 3: eta must be a calendar day YYYY-MM-DD or empty, not "2011-02-30"$/,
    );
    await expectNothingWritten();
  });

  it('unknown sku, after a line that did allocate', async () => {
    await arrange({
      orders: [
        ['orderid', 'sku', 'qty'],
        ['o2', 'LAMP', 1],
        ['o3', 'NONEXISTENTSKU', 1],
      ],
    });

    await expect(allocateFromCsv(folder.path)).rejects.toThrow(
      /^orders\.csv line 3: Invalid sku NONEXISTENTSKU$/,
    );
    await expectNothingWritten();
  });

  it('out of stock, after a line that did allocate', async () => {
    await arrange({
      orders: [
        ['orderid', 'sku', 'qty'],
        ['o2', 'LAMP', 1],
        ['o3', 'LAMP', 8],
      ],
    });

    await expect(allocateFromCsv(folder.path)).rejects.toThrow(
      /^orders\.csv line 3: Out of stock for sku LAMP$/,
    );
    await expectNothingWritten();
  });

  it('an allocation to a batch that batches.csv does not have', async () => {
    const batches = [
      ['ref', 'sku', 'qty', 'eta'],
      ['b2', 'LAMP', 10, ''],
    ];
    await arrange({
      batches,
      orders: [
        ['orderid', 'sku', 'qty'],
        ['o2', 'LAMP', 1],
      ],
    });

    await expect(allocateFromCsv(folder.path)).rejects.toThrow(
      /^allocations\.csv line 2: no batch "b1" in batches\.csv$/,
    );
    await expectNothingWritten();
  });

  it('a batch reference twice in batches.csv', async () => {
    const batches = [
      ['ref', 'sku', 'qty', 'eta'],
      ['b1', 'LAMP', 10, ''],
      ['b1', 'LAMP', 5, ''],
    ];
    await arrange({
      batches,
      orders: [
        ['orderid', 'sku', 'qty'],
        ['o2', 'LAMP', 1],
      ],
    });

    await expect(allocateFromCsv(folder.path)).rejects.toThrow(/^batches\.csv line 3: duplicate ref "b1"$/);
    await expectNothingWritten();
  });

  it("an allocation whose sku is not its batch's", async () => {
    const batches = [
      ['ref', 'sku', 'qty', 'eta'],
      ['b1', 'TABLE', 10, ''],
      ['b2', 'LAMP', 10, ''],
    ];
    await arrange({
      batches,
      orders: [
        ['orderid', 'sku', 'qty'],
        ['o2', 'LAMP', 1],
      ],
    });

    await expect(allocateFromCsv(folder.path)).rejects.toThrow(
      /^allocations\.csv line 2: "b1" is a batch of TABLE$/,
    );
    await expectNothingWritten();
  });

  it('an empty orderid', async () => {
    await arrange({
      orders: [
        ['orderid', 'sku', 'qty'],
        ['', 'LAMP', 1],
      ],
    });

    await expect(allocateFromCsv(folder.path)).rejects.toThrow(
      /^orders\.csv line 2: orderid must not be empty$/,
    );
    await expectNothingWritten();
  });

  it('a malformed quote, in one line', async () => {
    await arrange({ orders: [['orderid', 'sku', 'qty']] });
    await writeFile(join(folder.path, 'orders.csv'), 'orderid,sku,qty\no2,"LAMP"x,1\n');

    await expect(allocateFromCsv(folder.path)).rejects.toThrow(
      /^orders\.csv line 2: Invalid Closing Quote[^\n]*$/,
    );
    await expectNothingWritten();
  });

  it('no orders.csv', async () => {
    await folder.makeCsv('batches.csv', [['ref', 'sku', 'qty', 'eta']]);

    await expect(allocateFromCsv(folder.path)).rejects.toThrow(`orders.csv: no such file in ${folder.path}`);
    expect(await readdir(folder.path)).toEqual(['batches.csv']);
  });
});
