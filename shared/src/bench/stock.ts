import type { BenchEnvironment } from './environment';
import { addBatch, type NewBatch } from './http';

/**
 * A batch into the chapter's stock: through POST /add_batch, or, in chapter 4, which has no such route
 * yet, with SQL on its `batches` table (as its e2e tests do).
 */
export async function addStock(env: BenchEnvironment, batch: NewBatch): Promise<void> {
  if (env.chapter.capabilities.addsBatchesOverHttp) return addBatch(env.baseUrl, batch);
  await env.db.client.query(
    'INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ($1, $2, $3, $4)',
    [batch.ref, batch.sku, batch.qty, batch.eta],
  );
}
