import { type DynamicModule, Module, Scope } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AbstractUnitOfWork, ActiveRecordUnitOfWork } from '../service-layer/unit-of-work';
import { ErrorAnswers } from './fastify-setup';
import { AllocationController } from './views';

/** The book's urls.py and settings: the views, and what Nest's container gives them. */
@Module({})
export class AppModule {
  static on(dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      controllers: [AllocationController],
      providers: [
        { provide: DataSource, useValue: dataSource },
        {
          provide: AbstractUnitOfWork, // what the views ask for; this is what they get, one per request
          useFactory: (source: DataSource) => new ActiveRecordUnitOfWork(source),
          inject: [DataSource],
          scope: Scope.REQUEST,
        },
        { provide: APP_FILTER, useClass: ErrorAnswers },
      ],
    };
  }
}
