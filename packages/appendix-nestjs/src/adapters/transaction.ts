import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager, QueryRunner } from 'typeorm';

/**
 * Django runs each request on a connection of its own, and whatever its models do goes through it, in
 * the transaction a unit of work opened there. Node runs every request on one thread, so the connection
 * of the work in hand is kept in its async context instead.
 */
const connection = new AsyncLocalStorage<QueryRunner>();

/** Runs `block` with `queryRunner` as the connection of every model query inside it. */
export function onConnection<T>(queryRunner: QueryRunner, block: () => Promise<T>): Promise<T> {
  return connection.run(queryRunner, block);
}

/** The manager of the connection in hand, if a unit of work opened one; else the models use the pool. */
export function currentManager(): EntityManager | undefined {
  return connection.getStore()?.manager;
}
