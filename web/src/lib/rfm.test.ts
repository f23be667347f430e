import { describe, expect, it } from 'vitest';
import { RFM_QUADRANTS, RFM_SEGMENTS, type MetricsSettings } from '../api/metrics';
import {
  countsOf,
  fieldPath,
  gridCell,
  gridIndex,
  heatmapPoints,
  lifecycleProblem,
  migrationMatrix,
  sankeyData,
  settingsProblems,
  sharePercent,
  thresholdProblem,
  toFormSettings,
} from './rfm';

const CLASSIC_GRID = [
  'lost', 'lost', 'at_risk', 'at_risk', 'cant_lose',
  'hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose',
  'about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal',
  'promising', 'potential_loyalist', 'potential_loyalist', 'loyal', 'loyal',
  'new', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions',
] as const;

function settings(): MetricsSettings {
  return {
    rfm: {
      mode: 'THRESHOLDS',
      thresholds: { recencyDays: [7, 30, 90, 180], frequency: [2, 3, 5, 10], monetary: ['100.00', 300, 500, 1000] },
      grid: [...CLASSIC_GRID],
      quadrantHighScore: 3,
    },
    lifecycle: { newWithinDays: 30, atRiskAfterDays: 60, dormantAfterDays: 90, lostAfterDays: 180 },
  };
}

describe('counts', () => {
  it('fills every code and understands codes and enum names as keys', () => {
    expect(countsOf(RFM_QUADRANTS, { high_value: 3, SLEEPING: 2 })).toEqual({
      high_value: 3,
      to_activate: 0,
      new_customer: 0,
      sleeping: 2,
    });
    expect(countsOf(RFM_SEGMENTS, null).champions).toBe(0);
    expect(countsOf(RFM_SEGMENTS, { vip: 5 })).not.toHaveProperty('vip');
  });

  it('gives shares in percent and 0 of nothing', () => {
    expect(sharePercent(1, 4)).toBe(25);
    expect(sharePercent(3, 0)).toBe(0);
  });
});

describe('the 5×5 grid', () => {
  it('numbers cells row R=1 first, F=1..5 within a row', () => {
    expect(gridIndex(1, 1)).toBe(0);
    expect(gridIndex(1, 5)).toBe(4);
    expect(gridIndex(5, 4)).toBe(23);
    expect(CLASSIC_GRID[gridIndex(5, 4)]).toBe('champions');
    expect(CLASSIC_GRID[gridIndex(1, 5)]).toBe('cant_lose');
    for (let i = 0; i < 25; i++) {
      const { r, f } = gridCell(i);
      expect(gridIndex(r, f)).toBe(i);
    }
  });

  it('builds all 25 heatmap points with zeros for empty cells and revenue as numbers', () => {
    const points = heatmapPoints([
      { r: 5, f: 4, customers: 2, revenue: '1200.50' },
      { r: 1, f: 1, customers: 7, revenue: 70 },
      { r: 9, f: 1, customers: 1, revenue: 1 },
    ]);
    expect(points).toHaveLength(25);
    expect(points[gridIndex(5, 4)]).toEqual({ r: 5, f: 4, customers: 2, revenue: 1200.5 });
    expect(points[gridIndex(1, 1)].customers).toBe(7);
    expect(points.reduce((n, p) => n + p.customers, 0)).toBe(9);
  });
});

describe('threshold rules (as the server checks them)', () => {
  it('wants each boundary, not negative, and above the one before', () => {
    expect(thresholdProblem([7, 30, 90, 180], 3)).toBeNull();
    expect(thresholdProblem([7, null, 90, 180], 1)).toBe('required');
    expect(thresholdProblem([7, '', 90, 180], 1)).toBe('required');
    expect(thresholdProblem([-1, 30, 90, 180], 0)).toBe('negative');
    expect(thresholdProblem([30, 7, 90, 180], 1)).toBe('notAscending');
    expect(thresholdProblem([7, 7, 90, 180], 1)).toBe('notAscending');
    expect(thresholdProblem(['100.00', '99.99'], 1)).toBe('notAscending');
    // a missing value before does not make the next one wrong
    expect(thresholdProblem([7, null, 90, 180], 2)).toBeNull();
  });

  it('wants lifecycle thresholds of at least a day and ascending from at risk to lost', () => {
    const l = { newWithinDays: 30, atRiskAfterDays: 60, dormantAfterDays: 90, lostAfterDays: 180 };
    for (const field of ['newWithinDays', 'atRiskAfterDays', 'dormantAfterDays', 'lostAfterDays'] as const) {
      expect(lifecycleProblem(l, field)).toBeNull();
    }
    expect(lifecycleProblem({ ...l, newWithinDays: 0 }, 'newWithinDays')).toBe('min');
    expect(lifecycleProblem({ ...l, atRiskAfterDays: null }, 'atRiskAfterDays')).toBe('required');
    expect(lifecycleProblem({ ...l, dormantAfterDays: 60 }, 'dormantAfterDays')).toBe('afterAtRisk');
    expect(lifecycleProblem({ ...l, lostAfterDays: 90 }, 'lostAfterDays')).toBe('afterDormant');
  });

  it('lists every problem of a settings form under the server field path', () => {
    expect(settingsProblems(settings()).size).toBe(0);
    const bad = settings();
    bad.rfm.thresholds.recencyDays = [30, 7, 90, 180];
    bad.rfm.thresholds.monetary = [100, 300, -5, 1000];
    bad.lifecycle.dormantAfterDays = 50;
    expect([...settingsProblems(bad).entries()]).toEqual([
      ['rfm.thresholds.recencyDays[1]', 'notAscending'],
      ['rfm.thresholds.monetary[2]', 'negative'],
      ['lifecycle.dormantAfterDays', 'afterAtRisk'],
    ]);
  });
});

describe('server field errors on form fields', () => {
  it('turns field paths into form name paths', () => {
    expect(fieldPath('rfm.thresholds.frequency[2]')).toEqual(['rfm', 'thresholds', 'frequency', 2]);
    expect(fieldPath('lifecycle.dormantAfterDays')).toEqual(['lifecycle', 'dormantAfterDays']);
    expect(fieldPath('rfm.grid[24]')).toEqual(['rfm', 'grid', 24]);
    expect(fieldPath('rfm')).toEqual(['rfm']);
  });

  it('edits money boundaries as numbers without touching the settings it was given', () => {
    const s = settings();
    const form = toFormSettings(s);
    expect(form.rfm.thresholds.monetary).toEqual([100, 300, 500, 1000]);
    form.rfm.grid[0] = 'champions';
    expect(s.rfm.grid[0]).toBe('lost');
  });
});

describe('migrations', () => {
  const flows = [
    { from: 'new', to: 'champions', customers: 3 },
    { from: 'champions', to: 'champions', customers: 5 },
    { from: 'champions', to: 'at_risk', customers: 2 },
  ] as const;

  it('builds a from×to matrix in the classic order with totals and stayers', () => {
    const m = migrationMatrix(flows, RFM_SEGMENTS);
    expect(m.from).toEqual(['champions', 'new']);
    expect(m.to).toEqual(['champions', 'at_risk']);
    expect(m.count('champions', 'at_risk')).toBe(2);
    expect(m.count('new', 'at_risk')).toBe(0);
    expect(m.rowTotal('champions')).toBe(7);
    expect(m.total).toBe(10);
    expect(m.stayed).toBe(5);
  });

  it('gives the two sides of a Sankey distinct nodes so a segment can flow into itself', () => {
    const d = sankeyData(flows, (s, side) => `${side}:${s}`);
    expect(d.nodes.map((n) => n.name).sort()).toEqual(['from:champions', 'from:new', 'to:at_risk', 'to:champions']);
    expect(d.links).toContainEqual({ source: 'from:champions', target: 'to:champions', value: 5 });
  });
});
