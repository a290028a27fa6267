import { Type } from 'typebox';

/** What comes on `change_batch_quantity`: `{"batchref", "qty"}`. */
export const ChangeBatchQuantityMessage = Type.Object({
  batchref: Type.String({ minLength: 1 }),
  qty: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }), // an int4 column
});
