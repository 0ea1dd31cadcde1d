import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-client.js';
import { describeError } from './describe-error.js';
import { setLang } from './i18n.js';

describe('describeError', () => {
  it('names the codes it knows in the page’s words, and never shows the server’s English on a Korean page', () => {
    expect(describeError(new ApiError(429, 'rate_limited', 'Too many requests.'))).toBe(
      '요청이 너무 많아요. 잠시 후 다시 시도해 주세요.',
    );
    expect(describeError(new ApiError(409, 'something_new', 'Something new happened.'))).toBe(
      '문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
    );
    expect(describeError(new ApiError(0, 'network_error', ''))).toBe(
      '서버에 연결할 수 없어요. 네트워크를 확인하고 다시 시도해 주세요.',
    );
    setLang('en');
    try {
      expect(describeError(new ApiError(429, 'rate_limited', 'Too many requests.'))).toBe(
        'Too many requests. Please try again in a moment.',
      );
      expect(describeError(new ApiError(409, 'something_new', 'Something new happened.'))).toBe('Something new happened.');
    } finally {
      setLang('ko');
    }
  });
});
