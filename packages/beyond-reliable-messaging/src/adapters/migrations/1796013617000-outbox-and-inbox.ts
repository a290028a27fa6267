import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reliable messaging: the outbox the relay publishes from, and the inbox of messages already handled. */
export class OutboxAndInbox1796013617000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "stream" character varying(255) NOT NULL, "message" text NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "outbox_pkey" PRIMARY KEY ("id"))',
    );
    // the relay reads what is still to be sent, in order: an index of those rows only
    await queryRunner.query('CREATE INDEX "outbox_unsent" ON "outbox" ("id") WHERE "sent_at" IS NULL');
    await queryRunner.query(
      'CREATE TABLE "inbox" ("message_id" character varying(255) NOT NULL, "handled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "inbox_pkey" PRIMARY KEY ("message_id"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "inbox"');
    await queryRunner.query('DROP TABLE "outbox"');
  }
}
