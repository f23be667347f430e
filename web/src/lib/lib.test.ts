import { describe, expect, it } from 'vitest';
import { formatDuration, isLocked } from './format';
import { generatePassword } from './password';
import { safeNext } from './redirect';
import { passwordProblems } from './validation';

describe('password rules (mirroring the server)', () => {
  it('reports length, username and current-password problems', () => {
    expect(passwordProblems('short')).toEqual(['min']);
    expect(passwordProblems('x'.repeat(129))).toEqual(['max']);
    expect(passwordProblems('alice.wang1', { username: 'Alice.Wang1' })).toEqual(['username']);
    expect(passwordProblems('same-password-1', { current: 'same-password-1' })).toEqual(['current']);
    expect(passwordProblems('a-good-password-42', { username: 'alice', current: 'old-password-1' })).toEqual([]);
  });

  it('generates 16-character passwords that pass them, each different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const pw = generatePassword();
      expect(pw).toHaveLength(16);
      expect(pw).toMatch(/[a-z]/);
      expect(pw).toMatch(/[A-Z]/);
      expect(pw).toMatch(/[0-9]/);
      expect(passwordProblems(pw)).toEqual([]);
      seen.add(pw);
    }
    expect(seen.size).toBe(50);
  });
});

describe('helpers', () => {
  it('follows only same-origin paths after login', () => {
    expect(safeNext('/users?q=a')).toBe('/users?q=a');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });

  it('formats durations and lock state', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(isLocked('2030-01-01T00:00:00Z', Date.parse('2029-12-31T00:00:00Z'))).toBe(true);
    expect(isLocked('2020-01-01T00:00:00Z')).toBe(false);
    expect(isLocked(null)).toBe(false);
  });
});
