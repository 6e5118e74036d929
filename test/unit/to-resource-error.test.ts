import { ResourceError } from '../../src/crest/resource-error.js';
import * as E from '../../src/provisioner/connector-errors.js';
import { toResourceError } from '../../src/provisioner/to-resource-error.js';

const ctx = { requestType: 'UPDATE', id: 'bjensen', container: 'system/csv/__ACCOUNT__' };

describe('ConnectorError → CREST (research §6)', () => {
  test.each([
    [new E.AlreadyExistsError('x'), 412, 'System object bjensen already exists'],
    [new E.ConfigurationError('x'), 500, 'Operation UPDATE failed with ConfigurationException on system object: bjensen'],
    [new E.ConnectionBrokenError('x'), 503, 'Operation UPDATE failed with ConnectionBrokenException on system object: bjensen'],
    [new E.ConnectionFailedError('x'), 503, 'Connection failed during operation UPDATE on system object: bjensen'],
    [new E.ConnectorIOError('x'), 503, 'Operation UPDATE failed with ConnectorIOException on system object: bjensen'],
    [new E.OperationTimeoutError('x'), 503, 'Operation UPDATE Timeout on system object: bjensen'],
    [new E.PasswordExpiredError('x'), 403, 'Operation UPDATE failed with PasswordExpiredException on system object: bjensen'],
    [new E.InvalidPasswordError('x'), 401, 'Invalid password has been provided to operation UPDATE for system object: bjensen'],
    [new E.UnknownUidError('x'), 404, 'Operation UPDATE could not find resource bjensen on system object: system/csv/__ACCOUNT__'],
    [new E.InvalidCredentialError('x'), 401, 'Invalid credential has been provided to operation UPDATE for system object: bjensen'],
    [new E.PermissionDeniedError('x'), 403, 'Permission was denied on UPDATE operation for system object: bjensen'],
    [new E.ConnectorSecurityError('x'), 500, 'Operation UPDATE failed with ConnectorSecurityException on system object: bjensen'],
    [new E.InvalidAttributeValueError('x'), 400, "Attribute value conflicts with the attribute's schema definition on operation UPDATE for system object: bjensen"],
    [new E.InvalidArgumentError('bad cookie'), 400, 'bad cookie'],
    [new E.PreconditionFailedError('x'), 412, 'The resource version for bjensen does not match the version provided on operation UPDATE for system object: system/csv/__ACCOUNT__'],
    [new E.PreconditionRequiredError('x'), 428, 'No resource version for resource bjensen has been provided on operation UPDATE for system object: system/csv/__ACCOUNT__'],
    [new E.RetryableError('x'), 503, 'Request temporarily unavailable on operation UPDATE for system object: bjensen'],
    [new E.ConnectorError('x'), 500, 'Operation UPDATE failed with ConnectorException on system object: bjensen'],
  ])('when a connector throws %p, then %i "%s"', (error, code, message) => {
    const mapped = toResourceError(error, ctx);
    expect({ code: mapped.code, message: mapped.message }).toEqual({ code, message });
  });

  test('when an unknown uid is mapped, then the body carries an empty detail object as IDM sends it', () => {
    expect(toResourceError(new E.UnknownUidError('x'), ctx).toJSON()).toEqual({
      code: 404, reason: 'Not Found', message: 'Operation UPDATE could not find resource bjensen on system object: system/csv/__ACCOUNT__', detail: {},
    });
  });

  test('when a retryable error has a hint, then the 503 carries Retry-After in whole seconds', () => {
    expect(toResourceError(new E.RetryableError('x', 1500), ctx).headers).toEqual({ 'Retry-After': '2' });
  });

  test('when something that is not a ConnectorError escapes, then it is a 500 that names no internals', () => {
    const mapped = toResourceError(new TypeError('Cannot read properties of undefined (reading secretThing)'), ctx);
    expect(mapped.code).toBe(500);
    expect(mapped.message).not.toContain('secretThing');
  });

  test('when a ResourceError is given, then it passes unchanged', () => {
    const original = ResourceError.forbidden('no');
    expect(toResourceError(original, ctx)).toBe(original);
  });
});
