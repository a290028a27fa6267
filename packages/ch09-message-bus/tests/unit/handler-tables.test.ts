import * as events from '../../src/domain/events';
import * as handlers from '../../src/service-layer/handlers';
import { HANDLERS, on } from '../../src/service-layer/messagebus';

describe('the handler table', () => {
  it('maps each event to its handlers', () => {
    expect(HANDLERS.get(events.OutOfStock)).toEqual([handlers.sendOutOfStockNotification]);
    expect(HANDLERS.get(events.AllocationRequired)).toEqual([handlers.allocate]);
  });

  it('rejects a handler registered for the wrong event at compile time', () => {
    // `tsc --noEmit` (pnpm typecheck) fails if this registration compiles
    // @ts-expect-error an OutOfStock has no orderid or qty for allocate
    const [type, eventHandlers] = on(events.OutOfStock, handlers.allocate);

    expect([type, eventHandlers]).toEqual([events.OutOfStock, [handlers.allocate]]);
  });
});
