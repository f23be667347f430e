import { describe, expect, it } from 'vitest';
import { binLabel, calibrationSeries, churnShares, decileLabels, fitDateProblems, formatMoney, formatParameter } from './clv';

describe('CLV model page helpers', () => {
  it('checks the fit dates like the server does', () => {
    expect(fitDateProblems(null, null, '2026-06-01')).toEqual({});
    expect(fitDateProblems('2026-06-02', null, '2026-06-01')).toEqual({ calibrationEnd: 'calibrationFuture' });
    expect(fitDateProblems('2026-05-01', '2026-06-02', '2026-06-01')).toEqual({ holdoutEnd: 'holdoutFuture' });
    expect(fitDateProblems('2026-05-01', '2026-04-30', '2026-06-01')).toEqual({ holdoutEnd: 'holdoutBeforeCalibration' });
    expect(fitDateProblems('2026-05-01', '2026-05-01', '2026-06-01')).toEqual({});
  });

  it('labels calibration groups and builds the chart series', () => {
    expect(binLabel({ frequency: 3, orMore: false })).toBe('3');
    expect(binLabel({ frequency: 7, orMore: true })).toBe('7+');
    const s = calibrationSeries([
      { frequency: 0, orMore: false, customers: 1411, actual: 0.2367, predicted: 0.21349 },
      { frequency: 7, orMore: true, customers: 30, actual: 5.5, predicted: 5.9 },
    ]);
    expect(s).toEqual({ labels: ['0', '7+'], actual: [0.237, 5.5], predicted: [0.213, 5.9], customers: [1411, 30] });
  });

  it('labels deciles and shares churn bands', () => {
    const labels = decileLabels();
    expect(labels).toHaveLength(10);
    expect(labels[0]).toBe('0.0–0.1');
    expect(labels[9]).toBe('0.9–1');
    expect(churnShares({ customers: 8, low: 4, medium: 2, high: 2 })).toEqual({ low: 50, medium: 25, high: 25 });
    expect(churnShares({ customers: 0, low: 0, medium: 0, high: 0 })).toEqual({ low: 0, medium: 0, high: 0 });
  });

  it('formats parameters and money', () => {
    expect(formatParameter(0.24259)).toBe('0.2426');
    expect(formatParameter(2184847.35)).toBe('2.185e+6');
    expect(formatParameter(123.456)).toBe('123.46');
    expect(formatMoney('1234.5', 'en')).toBe('1,234.50');
    expect(formatMoney(null)).toBe('—');
  });
});
