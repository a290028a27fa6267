import { EntitySchema, type EntitySubscriberInterface, EventSubscriber } from 'typeorm';
import { Batch, OrderLine, Product } from '../domain/model';

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

export const products = new EntitySchema<Product>({
  name: 'Product',
  target: Product,
  tableName: 'products',
  columns: {
    sku: { type: 'varchar', length: 255, primary: true, primaryKeyConstraintName: 'products_pkey' },
    versionNumber: { name: 'version_number', type: 'int', default: 0 },
  },
  // no cascades: the repository writes each change with its own statement (repository.ts), never with save()
  relations: {
    batches: { type: 'one-to-many', target: 'Batch', inverseSide: 'product', eager: true },
  },
});

// typeorm needs the many-to-one side of a one-to-many; the domain's Batch has no `product`
export const batches = new EntitySchema<Row<Batch> & { product?: Product }>({
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
  indices: [
    { columns: ['sku'] }, // a product loads its batches by sku
    // the book's table has no such constraint; without it, two batches could share a reference
    { name: 'batches_reference_key', columns: ['reference'], unique: true },
  ],
  relations: {
    product: {
      type: 'many-to-one',
      target: 'Product',
      inverseSide: 'batches',
      joinColumn: { name: 'sku', referencedColumnName: 'sku' },
    },
    _allocations: {
      type: 'many-to-many',
      target: 'OrderLine',
      eager: true,
      joinTable: {
        name: 'allocations',
        joinColumn: { name: 'batch_id', referencedColumnName: 'id' },
        inverseJoinColumn: { name: 'orderline_id', referencedColumnName: 'id' },
      },
    },
  },
});

/** The read model (chapter 12): written and read with plain SQL only, so no domain class maps to it. */
export const allocationsView = new EntitySchema<{
  id: number;
  orderid: string;
  sku: string;
  batchref: string;
}>({
  name: 'allocations_view',
  tableName: 'allocations_view',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' }, // typeorm wants a primary key
    orderid: { type: 'varchar', length: 255 },
    sku: { type: 'varchar', length: 255 },
    batchref: { type: 'varchar', length: 255 },
  },
  indices: [{ columns: ['orderid'] }],
});

export const mappers = [orderLines, products, batches, allocationsView]; // the book's start_mappers(): what database.ts maps

/** The book's `receive_load`: loaded objects skip their constructors, so give each product its empty events list. */
export class ProductEvents implements EntitySubscriberInterface<Product> {
  listenTo(): typeof Product {
    return Product;
  }

  afterLoad(product: Product): void {
    product.events = [];
  }
}
EventSubscriber()(ProductEvents); // typeorm only takes subscribers it has registered; decorators are plain functions
