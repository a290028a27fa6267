import { BaseEntity, Column, Entity, Index, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import * as domain from '../domain/model';
import { currentManager } from './transaction';

// Column types are spelt out: tsx (which `start` runs) emits no decorator metadata for typeorm to read.

/** The framework's model base, as Django's `models.Model`: its queries join the unit of work in hand. */
export abstract class Model extends BaseEntity {
  static {
    // what every static query (find, create…) and save() ask for their repository; assigned, as typeorm's
    // generic `this` typing refuses an `override` of it
    Object.assign(this, {
      getRepository(this: (new () => BaseEntity) & typeof BaseEntity) {
        return currentManager()?.getRepository(this) ?? BaseEntity.getRepository.call(this); // else the pool's
      },
    });
  }
}

@Entity('order_lines')
export class OrderLine extends Model {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 255 }) sku!: string;
  @Column({ type: 'int' }) qty!: number;
  @Column({ type: 'varchar', length: 255 }) orderid!: string;

  toDomain(): domain.OrderLine {
    return new domain.OrderLine(this.orderid, this.sku, this.qty);
  }

  static async fromDomain(line: domain.OrderLine): Promise<OrderLine> {
    const { orderid, sku, qty } = line;
    return (
      (await OrderLine.findOneBy({ orderid, sku, qty })) ?? OrderLine.create({ orderid, sku, qty }).save()
    );
  }
}

@Entity('batches')
export class Batch extends Model {
  @PrimaryGeneratedColumn() id!: number;
  // the book's table has no such constraint; without it, two batches could share a reference
  @Index('batches_reference_key', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  reference!: string;
  @Column({ type: 'varchar', length: 255 }) sku!: string;
  @Column({ name: '_purchased_quantity', type: 'int' }) qty!: number; // chapter 6's table, so its column
  @Column({ type: 'date', nullable: true }) eta!: domain.IsoDate | null;

  @ManyToMany(() => OrderLine, { eager: true })
  @JoinTable({
    name: 'allocations',
    joinColumn: { name: 'batch_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'orderline_id', referencedColumnName: 'id' },
  })
  allocations!: OrderLine[];

  static async updateFromDomain(batch: domain.Batch): Promise<void> {
    const b =
      (await Batch.findOneBy({ reference: batch.reference })) ?? Batch.create({ reference: batch.reference });
    await (await b.copyFrom(batch)).save();
  }

  /** A new row, never an update: a reference taken already is refused (postgres-errors.ts), not overwritten. */
  static async createFromDomain(batch: domain.Batch): Promise<void> {
    await (await Batch.create({ reference: batch.reference }).copyFrom(batch)).save();
  }

  private async copyFrom(batch: domain.Batch): Promise<this> {
    this.sku = batch.sku;
    this.qty = batch._purchasedQuantity;
    this.eta = batch.eta;
    this.allocations = [];
    for (const line of batch._allocations) this.allocations.push(await OrderLine.fromDomain(line));
    return this;
  }

  toDomain(): domain.Batch {
    const b = new domain.Batch(this.reference, this.sku, this.qty, this.eta);
    b._allocations = this.allocations.map((line) => line.toDomain());
    return b;
  }
}

export const models = [OrderLine, Batch]; // Django's INSTALLED_APPS: what database.ts maps
