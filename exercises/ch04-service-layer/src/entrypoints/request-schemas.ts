import { Type } from '@fastify/type-provider-typebox';

// PostgreSQL text holds no NUL character
const Reference = Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\u0000]*$' });
const Quantity = Type.Integer({ minimum: 1, maximum: 2_147_483_647 }); // an int4 column

/** What POST /allocate takes: `{orderid, sku, qty}`, nothing more. */
export const AllocateBody = Type.Object(
  { orderid: Reference, sku: Reference, qty: Quantity },
  { additionalProperties: false },
);
