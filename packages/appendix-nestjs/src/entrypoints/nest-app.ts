import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { createAdapter } from './fastify-setup';

export interface AppOptions {
  dataSource: DataSource; // each request gets a unit of work of its own on it
  logger?: FastifyServerOptions['logger'];
}

/** The book's wsgi.py: the application, ready to listen. Listening and shutting down are server.ts's business. */
export async function createApp({ dataSource, logger }: AppOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.on(dataSource),
    createAdapter(logger),
    {
      bodyParser: false, // fastify-setup.ts's strict JSON parser instead
      logger: false, // fastify's logger logs the requests and their errors
    },
  );
  return app.init();
}
