import { allows, decodeJwt, strongestRole } from './session';

test('the strongest ChainWatch role of a roles claim, in any spelling; other roles ignored', () => {
  expect(strongestRole(['viewer', 'ORG_ADMIN', 'something-else'])).toBe('org-admin');
  expect(strongestRole('operator')).toBe('operator');
  expect(strongestRole(['unrelated'])).toBeNull();
  expect(strongestRole(undefined)).toBeNull();
});

test('a role allows what weaker roles may do, never more', () => {
  expect(allows('operator', 'viewer')).toBe(true);
  expect(allows('operator', 'operator')).toBe(true);
  expect(allows('operator', 'org-admin')).toBe(false);
  expect(allows(null, 'viewer')).toBe(false);
});

test('a JWT payload with non-ASCII text decodes', () => {
  const payload = btoa(unescape(encodeURIComponent(JSON.stringify({ sub: '张三', roles: ['viewer'] }))))
    .replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  expect(decodeJwt(`h.${payload}.s`)).toEqual({ sub: '张三', roles: ['viewer'] });
});
