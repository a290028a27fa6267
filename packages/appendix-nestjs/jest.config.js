// NestJS's and typeorm's decorators (tsconfig.json): swc compiles this package's TypeScript with them
module.exports = require('shared/jest-preset')(__dirname, { decorators: true });
