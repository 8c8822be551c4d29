import { describe, expect, it } from 'vitest';
import { fileSize } from './fileSize';

describe('fileSize', () => {
  it('reads at a glance', () => {
    expect(fileSize(1)).toBe('1 byte');
    expect(fileSize(840)).toBe('840 bytes');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(200 * 1024)).toBe('200 KB');
    expect(fileSize(1.4 * 1024 * 1024)).toBe('1.4 MB');
    expect(fileSize(12 * 1024 * 1024)).toBe('12 MB');
  });
});
