import type { NameRecord } from './dropbox-model.js';

/**
 * users.Name as Dropbox derives it from the given name and surname (set_profile cannot set the
 * other three): familiar name = given name (US locale), display name = "given surname",
 * abbreviated name = the initials. A member invited without names has five empty strings.
 */
export function memberName(givenName: string, surname: string): NameRecord {
  const initials = [givenName, surname].map((part) => [...part.trim()][0] ?? '').join('').toUpperCase();
  return {
    given_name: givenName,
    surname,
    familiar_name: givenName || surname,
    display_name: [givenName, surname].filter((p) => p !== '').join(' '),
    abbreviated_name: initials,
  };
}
