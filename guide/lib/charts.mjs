// The Chart.js configurations of the figures, made at build time: the page only hands them to Chart.js.
const CHARTS = [
  {
    id: 'allocations',
    title: 'POST /allocate per second, spread over 100 skus',
    series: [{ key: 'allocationsPerSecond', label: 'requests/s' }],
  },
  {
    id: 'statements',
    title: 'SQL statements for one allocation',
    series: [
      { key: 'statementsFirst', label: 'a sku with 1 batch, nothing allocated yet' },
      { key: 'statementsBusy', label: 'a sku with 50 batches and 60 lines allocated' },
    ],
  },
  {
    id: 'race',
    title: 'Units allocated beyond stock: 16 at a time racing for a batch of 100',
    series: [{ key: 'overAllocated', label: 'units over' }],
  },
  {
    id: 'reads',
    title: 'GET /allocations/:orderid per second (the read model, chapter 12 on)',
    series: [{ key: 'readsPerSecond', label: 'requests/s' }],
  },
];

/** `ch07` for `ch07-aggregate`, so that the labels fit beside the bars on a phone; the others in full. */
const shortName = (name) => /^ch\d\d(?=-)/.exec(name)?.[0] ?? name;

export const NOT_MEASURED = '(not measured yet)';

const COLOURS = ['#3b6ea8', '#e08a2c'];
const CURRENT = ['#16385f', '#9c5410'];

/** One chart per figure over `packages` (in order), `current` picked out; figures nobody has are left out. */
export function chartsOf(packages, current) {
  return CHARTS.filter((chart) =>
    packages.some((pkg) => chart.series.some((s) => pkg.figures?.[s.key] != null)),
  ).map((chart) => ({
    id: chart.id,
    title: chart.title,
    config: {
      type: 'bar',
      data: {
        // (a label of two lines stays narrow enough for a phone)
        labels: packages.map((pkg) =>
          pkg.figures === undefined ? [shortName(pkg.name), NOT_MEASURED] : shortName(pkg.name),
        ),
        datasets: chart.series.map((series, index) => ({
          label: series.label,
          data: packages.map((pkg) => pkg.figures?.[series.key] ?? null),
          backgroundColor: packages.map((pkg) => (pkg.name === current ? CURRENT[index] : COLOURS[index])),
        })),
      },
      options: {
        indexAxis: 'y',
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: chart.series.length > 1, position: 'bottom' } },
        scales: { x: { beginAtZero: true }, y: { ticks: { autoSkip: false } } },
      },
    },
    height: 40 + packages.length * (chart.series.length > 1 ? 38 : 34) + (chart.series.length > 1 ? 40 : 0),
  }));
}
