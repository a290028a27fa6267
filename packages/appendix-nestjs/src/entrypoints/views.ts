import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { OutOfStock } from '../domain/model';
import * as services from '../service-layer/services';
import { AbstractUnitOfWork } from '../service-layer/unit-of-work';
import { AddBatchBody, AllocateBody } from './request-schemas';

/** The book's Django views: each takes the body, calls the service with the unit of work, and answers. */
@Controller()
export class AllocationController {
  // Nest gives each request a unit of work of its own (app.module.ts); @Inject names it, as tsx emits no types
  constructor(@Inject(AbstractUnitOfWork) private readonly uow: AbstractUnitOfWork) {}

  @Post('add_batch')
  @RouteSchema({ body: AddBatchBody })
  @HttpCode(201)
  async addBatch(@Body() { ref, sku, qty, eta }: AddBatchBody): Promise<string> {
    await services.addBatch(ref, sku, qty, eta, this.uow);
    return 'OK';
  }

  @Post('allocate')
  @RouteSchema({ body: AllocateBody })
  @HttpCode(201)
  async allocate(@Body() { orderid, sku, qty }: AllocateBody): Promise<{ batchref: string }> {
    try {
      const batchref = await services.allocate(orderid, sku, qty, this.uow);
      return { batchref };
    } catch (error) {
      if (error instanceof OutOfStock || error instanceof services.InvalidSku)
        throw new BadRequestException(error.message);
      throw error;
    }
  }
}
