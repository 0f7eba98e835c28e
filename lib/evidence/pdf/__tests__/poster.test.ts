import { describe, expect, it } from 'vitest';
import { urlLines } from '../poster';

describe('poster URL lines', () => {
  const url = 'einwilligung.example/c/baeckerei-sonnenschein/BieCcIqENwL3VYVVnEEtX443OSIm2mtoKKGurxjQd1I';
  it('keeps every character, breaks after a slash, and no line is longer than allowed', () => {
    for (const max of [20, 45, 60, 80]) {
      const lines = urlLines(url, max);
      expect(lines.join('')).toBe(url);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(max);
    }
    expect(urlLines(url, 60)).toEqual(['einwilligung.example/c/baeckerei-sonnenschein/', 'BieCcIqENwL3VYVVnEEtX443OSIm2mtoKKGurxjQd1I']);
  });
});
