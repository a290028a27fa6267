module.exports = require('shared/jest-preset')(__dirname);
