import { Type } from '@fastify/type-provider-typebox';

const Reference = Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\u0000]*$' }); // no NUL in PostgreSQL text
const Quantity = Type.Integer({ minimum: 1, maximum: 2_147_483_647 }); // an int4 column
// a calendar day, 'YYYY-MM-DD' (PostgreSQL has no year 0), or null for stock in the warehouse
const Eta = Type.Union([Type.String({ format: 'date', pattern: '^(?!0000)' }), Type.Null()]);

/** What POST /add_batch takes: `{ref, sku, qty, eta}`, nothing more. */
export const AddBatchBody = Type.Object(
  { ref: Reference, sku: Reference, qty: Quantity, eta: Eta },
  { additionalProperties: false },
);

/** What POST /allocate takes: `{orderid, sku, qty}`, nothing more. */
export const AllocateBody = Type.Object(
  { orderid: Reference, sku: Reference, qty: Quantity },
  { additionalProperties: false },
);

/** What GET /allocations/:orderid takes in its path. */
export const AllocationsParams = Type.Object({ orderid: Reference });
