import { EntitySchema } from 'typeorm';
import { Batch, OrderLine } from '../domain/model';

/** Surrogate keys are the database's business: the domain never declares them; a stored object has one. */
export type Row<T> = T & { id?: number };

export const orderLines = new EntitySchema<Row<OrderLine>>({
  name: 'OrderLine',
  target: OrderLine,
  tableName: 'order_lines',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    sku: { type: 'varchar', length: 255 },
    qty: { type: 'int' },
    orderid: { type: 'varchar', length: 255 },
  },
});

export const batches = new EntitySchema<Row<Batch>>({
  name: 'Batch',
  target: Batch,
  tableName: 'batches',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    reference: { type: 'varchar', length: 255 },
    sku: { type: 'varchar', length: 255 },
    _purchasedQuantity: { name: '_purchased_quantity', type: 'int' },
    eta: { type: 'date', nullable: true },
  },
  // the book's table has no such constraint; without it, two batches could share a reference
  indices: [{ name: 'batches_reference_key', columns: ['reference'], unique: true }],
  relations: {
    _allocations: {
      type: 'many-to-many',
      target: 'OrderLine',
      eager: true,
      cascade: true,
      joinTable: {
        name: 'allocations',
        joinColumn: { name: 'batch_id', referencedColumnName: 'id' },
        inverseJoinColumn: { name: 'orderline_id', referencedColumnName: 'id' },
      },
    },
  },
});

// Chapter 7, to do: map Product to the products table (migrations/1796013607000-products.ts holds it),
// with its batches, and each batch to its product by sku.
export const mappers = [orderLines, batches]; // the book's start_mappers(): what database.ts maps
