/** The JSON body every "GET one object" row returns: a CSV account as the gateway serves it. */
export const ACCOUNT_BODY = JSON.stringify({
  _id: 'user4242',
  _rev: '0f3c2b9a8d7e6f5a4b3c2d1e0f9a8b7c',
  uid: 'user4242',
  username: 'user4242@example.com',
  firstName: 'First4242',
  lastName: 'Last334',
  email: 'user4242@example.com',
  mobileTelephoneNumber: '+1 555 0004242',
  description: 'Generated row number 4242 for the benchmark',
});
