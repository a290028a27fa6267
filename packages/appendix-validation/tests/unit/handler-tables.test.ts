import * as commands from '../../src/domain/commands';
import * as events from '../../src/domain/events';
import * as handlers from '../../src/service-layer/handlers';
import * as ensure from '../../src/service-layer/ensure';
import { COMMAND_CHECKS, COMMAND_HANDLERS, EVENT_HANDLERS, on, when } from '../../src/service-layer/handlers';

describe('the handler tables', () => {
  it('map each message to its handlers', () => {
    expect(EVENT_HANDLERS.get(events.OutOfStock)).toEqual([handlers.sendOutOfStockNotification]);
    expect(COMMAND_HANDLERS.get(commands.Allocate)).toBe(handlers.allocate);
  });

  it('give each command that names a product or a batch its check', () => {
    expect(COMMAND_CHECKS.get(commands.Allocate)).toEqual([ensure.productExists]);
    expect(COMMAND_CHECKS.get(commands.ChangeBatchQuantity)).toEqual([ensure.batchExists]);
  });

  it('reject a handler registered for the wrong message at compile time', () => {
    // `tsc --noEmit` (pnpm typecheck) fails if either registration compiles
    // @ts-expect-error an OutOfStock has no orderid, qty or batchref for publishAllocatedEvent
    const wrongEvent = on(events.OutOfStock, handlers.publishAllocatedEvent);
    // @ts-expect-error a CreateBatch is not the Allocate command that allocate handles
    const wrongCommand = when(commands.CreateBatch, handlers.allocate);

    expect(wrongEvent).toEqual([events.OutOfStock, [handlers.publishAllocatedEvent]]);
    expect(wrongCommand).toEqual([commands.CreateBatch, handlers.allocate]);
  });
});
