import { TypeOrmRepository } from '../../src/adapters/repository';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';

function extendsNothing(type: abstract new (...args: never[]) => unknown, hint: string): void {
  const parent = Object.getPrototypeOf(type.prototype) as object;
  if (parent !== Object.prototype)
    throw new Error(`To do: ${type.name} still extends ${parent.constructor.name}. ${hint}`);
}

it('the typeorm repository implements Repository and inherits nothing', () => {
  extendsNothing(
    TypeOrmRepository,
    'Make it implement Repository (its add and get), and TrackingRepository do the tracking.',
  );
});

it('the typeorm unit of work implements UnitOfWork and inherits nothing', () => {
  extendsNothing(
    TypeOrmUnitOfWork,
    'It implements UnitOfWork; AutoRollbackUoW and EventPublishingUoW add the rest.',
  );
  expect(typeof TypeOrmUnitOfWork.prototype.run).toBe('function');
});
