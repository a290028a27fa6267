import * as events from '../../src/domain/events';
import { handle, HANDLERS, on, sendOutOfStockNotification } from '../../src/service-layer/messagebus';

/** An event of another shape, for a handler that must not be registered for OutOfStock. */
class Allocated extends events.Event {
  constructor(
    readonly orderid: string,
    readonly sku: string,
  ) {
    super();
  }
}

function publishAllocatedEvent(event: Allocated): void {
  void event.orderid;
}

describe('the handler table', () => {
  it('maps each event to its handlers', () => {
    expect(HANDLERS.get(events.OutOfStock)).toEqual([sendOutOfStockNotification]);
  });

  it('rejects a handler registered for the wrong event at compile time', () => {
    // `tsc --noEmit` (pnpm typecheck) fails if this registration compiles
    // @ts-expect-error an OutOfStock has no orderid for publishAllocatedEvent
    const [type, handlers] = on(events.OutOfStock, publishAllocatedEvent);

    expect([type, handlers]).toEqual([events.OutOfStock, [publishAllocatedEvent]]);
  });

  it('makes an event with no handlers an error that names it', async () => {
    await expect(handle(new Allocated('o1', 'SMALL-TABLE'))).rejects.toThrow('no handlers for Allocated');
  });
});
