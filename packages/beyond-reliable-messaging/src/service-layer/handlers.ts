import type { AbstractNotifications } from '../adapters/notifications';
import * as commands from '../domain/commands';
import * as events from '../domain/events';
import * as model from '../domain/model';
import { OrderLine } from '../domain/model';
import type { AbstractUnitOfWork } from './unit-of-work';

export class InvalidSku extends Error {
  override name = 'InvalidSku';
}

export class InvalidBatchref extends Error {
  override name = 'InvalidBatchref';
}

/** Everything a handler may depend on; each handler asks for the part it needs, and bootstrap injects it. */
export interface Dependencies {
  uow: AbstractUnitOfWork;
  notifications: AbstractNotifications;
}

export type Message = commands.Command | events.Event;
export type Handler<M extends Message> = (message: M, dependencies: Dependencies) => Promise<void>;

export async function addBatch(cmd: commands.CreateBatch, { uow }: Pick<Dependencies, 'uow'>): Promise<void> {
  await uow.run(async () => {
    let product = await uow.products.get(cmd.sku);
    if (product === null) {
      product = new model.Product(cmd.sku, []);
      await uow.products.add(product);
    }
    product.batches.push(new model.Batch(cmd.ref, cmd.sku, cmd.qty, cmd.eta));
    await uow.commit();
  });
}

export async function allocate(cmd: commands.Allocate, { uow }: Pick<Dependencies, 'uow'>): Promise<void> {
  const line = new OrderLine(cmd.orderid, cmd.sku, cmd.qty);
  await uow.run(async () => {
    const product = await uow.products.get(line.sku);
    if (product === null) throw new InvalidSku(`Invalid sku ${line.sku}`);
    product.allocate(line);
    await uow.commit();
  });
}

export async function reallocate(
  event: events.Deallocated,
  { uow }: Pick<Dependencies, 'uow'>,
): Promise<void> {
  await allocate(new commands.Allocate(event.orderid, event.sku, event.qty), { uow });
}

export async function changeBatchQuantity(
  cmd: commands.ChangeBatchQuantity,
  { uow }: Pick<Dependencies, 'uow'>,
): Promise<void> {
  await uow.run(async () => {
    const product = await uow.products.getByBatchref(cmd.ref);
    if (product === null) throw new InvalidBatchref(`Invalid batchref ${cmd.ref}`);
    product.changeBatchQuantity(cmd.ref, cmd.qty);
    await uow.commit();
  });
}

export async function sendOutOfStockNotification(
  event: events.OutOfStock,
  { notifications }: Pick<Dependencies, 'notifications'>,
): Promise<void> {
  await notifications.send('stock@made.com', `Out of stock for ${event.sku}`);
}

// The handlers below run in the transaction that raised their event, just before it commits (see
// TRANSACTION_HANDLERS): what they write commits with the change, or not at all.

/** The outbox: the relay publishes it to the `line_allocated` stream once it has committed. */
export async function addAllocatedEventToOutbox(
  event: events.Allocated,
  { uow }: Pick<Dependencies, 'uow'>,
): Promise<void> {
  await uow.session.execute('INSERT INTO outbox (stream, message) VALUES ($1, $2)', [
    'line_allocated',
    JSON.stringify(event),
  ]);
}

export async function addAllocationToReadModel(
  event: events.Allocated,
  { uow }: Pick<Dependencies, 'uow'>,
): Promise<void> {
  await uow.session.execute('INSERT INTO allocations_view (orderid, sku, batchref) VALUES ($1, $2, $3)', [
    event.orderid,
    event.sku,
    event.batchref,
  ]);
}

export async function removeAllocationFromReadModel(
  event: events.Deallocated,
  { uow }: Pick<Dependencies, 'uow'>,
): Promise<void> {
  await uow.session.execute('DELETE FROM allocations_view WHERE orderid = $1 AND sku = $2', [
    event.orderid,
    event.sku,
  ]);
}

export type Class<T> = abstract new (...args: never[]) => T;

// The casts are sound: the bus looks handlers up by the message's own class, so each gets only its kind.

/** One entry of the event handler table; a handler registered for the wrong event does not compile. */
export const on = <E extends events.Event>(
  type: Class<E>,
  ...eventHandlers: Handler<E>[]
): [Class<events.Event>, Handler<events.Event>[]] => [type, eventHandlers as Handler<events.Event>[]];

/** One entry of the command handler table; a handler registered for the wrong command does not compile. */
export const when = <C extends commands.Command>(
  type: Class<C>,
  commandHandler: Handler<C>,
): [Class<commands.Command>, Handler<commands.Command>] => [
  type,
  commandHandler as Handler<commands.Command>,
];

/** Run by the unit of work on each new event before it commits, in its transaction (not by the bus). */
export const TRANSACTION_HANDLERS: ReadonlyMap<Class<events.Event>, Handler<events.Event>[]> = new Map([
  on(events.Allocated, addAllocatedEventToOutbox, addAllocationToReadModel),
  on(events.Deallocated, removeAllocationFromReadModel),
]);

/** Run by the bus after the commit, each in a unit of work of its own. */
export const EVENT_HANDLERS: ReadonlyMap<Class<events.Event>, Handler<events.Event>[]> = new Map([
  on(events.Allocated), // all it does is done in its transaction
  on(events.Deallocated, reallocate),
  on(events.OutOfStock, sendOutOfStockNotification),
]);

export const COMMAND_HANDLERS: ReadonlyMap<Class<commands.Command>, Handler<commands.Command>> = new Map([
  when(commands.Allocate, allocate),
  when(commands.CreateBatch, addBatch),
  when(commands.ChangeBatchQuantity, changeBatchQuantity),
]);
