import { randomBytes } from 'node:crypto';

export const randomSuffix = (): string => randomBytes(3).toString('hex');

export const randomSku = (name: string | number = ''): string => `sku-${name}-${randomSuffix()}`;

export const randomBatchref = (name: string | number = ''): string => `batch-${name}-${randomSuffix()}`;

export const randomOrderid = (name: string | number = ''): string => `order-${name}-${randomSuffix()}`;
