import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Chapter 2's mapping, as typeorm builds it: order_lines, batches (reference unique), allocations. */
export class OrmMapping1796013602000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "order_lines" ("id" SERIAL NOT NULL, "sku" character varying(255) NOT NULL, "qty" integer NOT NULL, "orderid" character varying(255) NOT NULL, CONSTRAINT "PK_627dcd7f1d707de4df241b2da6b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "batches" ("id" SERIAL NOT NULL, "reference" character varying(255) NOT NULL, "sku" character varying(255) NOT NULL, "_purchased_quantity" integer NOT NULL, "eta" date, CONSTRAINT "PK_55e7ff646e969b61d37eea5be7a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "batches_reference_key" ON "batches" ("reference")');
    await queryRunner.query(
      'CREATE TABLE "allocations" ("batch_id" integer NOT NULL, "orderline_id" integer NOT NULL, CONSTRAINT "PK_6e810b3121bc1e97001bb761bfc" PRIMARY KEY ("batch_id", "orderline_id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_9626672eafdc0a291cc29a2d52" ON "allocations" ("batch_id")');
    await queryRunner.query(
      'CREATE INDEX "IDX_4c5d2c639c7f09540e94dc2caf" ON "allocations" ("orderline_id")',
    );
    await queryRunner.query(
      'ALTER TABLE "allocations" ADD CONSTRAINT "FK_9626672eafdc0a291cc29a2d52e" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );
    await queryRunner.query(
      'ALTER TABLE "allocations" ADD CONSTRAINT "FK_4c5d2c639c7f09540e94dc2cafa" FOREIGN KEY ("orderline_id") REFERENCES "order_lines"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "allocations"'); // its indexes and foreign keys go with it
    await queryRunner.query('DROP TABLE "batches"');
    await queryRunner.query('DROP TABLE "order_lines"');
  }
}
