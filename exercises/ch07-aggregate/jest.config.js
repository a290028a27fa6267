module.exports = require('shared/exercise-preset')(__dirname);
