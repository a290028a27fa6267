import { type Static, type TSchema, Type } from 'typebox';
import * as commands from '../domain/commands';
import { check } from './message-parsing';

const Reference = Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\u0000]*$' }); // no NUL in PostgreSQL text
const Quantity = Type.Integer({ minimum: 1, maximum: 2_147_483_647 }); // an int4 column
// a calendar day, 'YYYY-MM-DD' (PostgreSQL has no year 0), or null for stock in the warehouse
const Eta = Type.Union([Type.String({ format: 'date', pattern: '^(?!0000)' }), Type.Null()]);

/** A command's one schema, and the command built from JSON through it: the book's `from_json`. */
export interface CommandSchema<C extends commands.Command> {
  /** The command `data` describes, or a `MalformedMessage` saying what is wrong with it. */
  fromJson(data: unknown): C;
}

function commandSchema<S extends TSchema, C extends commands.Command>(
  type: abstract new (...args: never[]) => C,
  schema: S,
  build: (data: Static<S>) => C,
): CommandSchema<C> {
  return { fromJson: (data) => build(check(schema, data, type.name)) };
}

// Postel's law, the tolerant reader: each schema names what its command needs and ignores the rest.
// Nothing else is kept, since each command is built from its named fields only.

/** POST /add_batch: `{ref, sku, qty, eta}`. */
export const CreateBatch = commandSchema(
  commands.CreateBatch,
  Type.Object({ ref: Reference, sku: Reference, qty: Quantity, eta: Eta }),
  ({ ref, sku, qty, eta }) => new commands.CreateBatch(ref, sku, qty, eta),
);

/** POST /allocate: `{orderid, sku, qty}`. */
export const Allocate = commandSchema(
  commands.Allocate,
  Type.Object({ orderid: Reference, sku: Reference, qty: Quantity }),
  ({ orderid, sku, qty }) => new commands.Allocate(orderid, sku, qty),
);

/** Redis `change_batch_quantity`: `{batchref, qty}`; a batch may go down to nothing. */
export const ChangeBatchQuantity = commandSchema(
  commands.ChangeBatchQuantity,
  Type.Object({ batchref: Reference, qty: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }) }),
  ({ batchref, qty }) => new commands.ChangeBatchQuantity(batchref, qty),
);

/** GET /allocations/:orderid, a query and no command, has its path checked the same way. */
export const AllocationsParams = Type.Object({ orderid: Reference });
