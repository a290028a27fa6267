import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Chapter 12's read model: allocations_view, looked up by orderid. */
export class AllocationsView1796013612000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "allocations_view" ("id" SERIAL NOT NULL, "orderid" character varying(255) NOT NULL, "sku" character varying(255) NOT NULL, "batchref" character varying(255) NOT NULL, CONSTRAINT "PK_1684bac3a1f7029a371ccf8d433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_85596dc178802ca1cc80b2f55b" ON "allocations_view" ("orderid")',
    );
    // allocations made before the read model existed: the handlers only add the ones made from now on
    await queryRunner.query(
      'INSERT INTO "allocations_view" ("orderid", "sku", "batchref") ' +
        'SELECT ol."orderid", ol."sku", b."reference" FROM "allocations" a ' +
        'JOIN "order_lines" ol ON ol."id" = a."orderline_id" JOIN "batches" b ON b."id" = a."batch_id"',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "allocations_view"'); // its index goes with it
  }
}
