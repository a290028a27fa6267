// The guide's test: it builds the site and opens every page in Debian's Chromium (tests/e2e).
module.exports = require('shared/jest-preset')(__dirname, { services: false });
