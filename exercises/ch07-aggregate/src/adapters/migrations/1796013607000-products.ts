import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Chapter 7's aggregate: products with their version number; each batch belongs to its sku's product. */
export class Products1796013607000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "products" ("sku" character varying(255) NOT NULL, "version_number" integer NOT NULL DEFAULT \'0\', CONSTRAINT "products_pkey" PRIMARY KEY ("sku"))',
    );
    // batches stored before the aggregate existed need their product before the foreign key holds
    await queryRunner.query('INSERT INTO "products" ("sku") SELECT DISTINCT "sku" FROM "batches"');
    await queryRunner.query('CREATE INDEX "IDX_1621488e71b1205b546254ead1" ON "batches" ("sku")');
    await queryRunner.query(
      'ALTER TABLE "batches" ADD CONSTRAINT "FK_1621488e71b1205b546254ead1f" FOREIGN KEY ("sku") REFERENCES "products"("sku") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "batches" DROP CONSTRAINT "FK_1621488e71b1205b546254ead1f"');
    await queryRunner.query('DROP INDEX "IDX_1621488e71b1205b546254ead1"');
    await queryRunner.query('DROP TABLE "products"');
  }
}
