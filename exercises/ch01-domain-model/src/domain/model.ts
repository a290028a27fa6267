// Chapter 1's exercise: write the domain model here, from the business rules in the README.
// The tests in tests/unit say, one by one, what to write next: `pnpm exercise ch01` runs them.
export {};
