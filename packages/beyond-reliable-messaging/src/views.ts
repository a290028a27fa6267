import type { AbstractUnitOfWork } from './service-layer/unit-of-work';

export interface AllocationView {
  sku: string;
  batchref: string;
}

/** The read side: plain SQL on the allocations_view table, which the event handlers keep up to date. */
export async function allocations(orderid: string, uow: AbstractUnitOfWork): Promise<AllocationView[]> {
  return uow.run(() =>
    uow.session.execute<AllocationView[]>(
      'SELECT sku, batchref FROM allocations_view WHERE orderid = $1 ORDER BY sku, batchref',
      [orderid],
    ),
  );
}
