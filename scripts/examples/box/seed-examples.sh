#!/usr/bin/env bash
# Every curl call of the Box connector page (shared/seeds/box-connector.md), in the page's order,
# against a gateway started with `npm start` (its Box sandbox answers at
# http://localhost:8080/sandbox/box). The curl lines are the page's own; only these differ:
#   - the sandbox is reset first, so the users and the group the page creates get the page's own
#     ids (34383152830, 34721853021, 20147818911) and every later URL works as printed;
#   - the stray `\ \` line continuation of the first create is fixed,
#     and the update's "groups": [agregarle el grupo que esta arriba] placeholder ("add the group
#     above") lists the two groups the full user was created with;
#   - each call is prefixed with `run`, which prints the answer and stops on an HTTP error.
set -euo pipefail

# IDM_URL=http://host:port runs the calls against another gateway; the lines keep the page's localhost:8080.
IDM_URL=${IDM_URL:-http://localhost:8080}
curl() { command curl "${@//http:\/\/localhost:8080/$IDM_URL}"; }

command -v jq >/dev/null || { echo "this script needs jq" >&2; exit 2; }

run() {
  local out status
  out=$("$@" --silent --show-error --write-out $'\n%{http_code}')
  status=${out##*$'\n'}
  BODY=${out%$'\n'*}
  printf '%s\n' "$BODY" | jq . 2>/dev/null || printf '%s\n' "$BODY"
  if [ "$status" -ge 400 ]; then echo "HTTP $status" >&2; exit 1; fi
}

step() { printf '\n### %s\n' "$1"; }

step "Reset the Box sandbox (not on the page): the example enterprise, ids handed out as on the page"
curl --silent --show-error --fail -X POST 'http://localhost:8080/sandbox/box/__admin/reset' >/dev/null

step "Test the Box connector"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--request POST \
'http://localhost:8080/openidm/system/box?_action=test'
[ "$(jq -r .ok <<<"$BODY")" = true ] || { echo "the connector test is not ok" >&2; exit 1; }

step "Create a Box user"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--request POST \
--data '{
  "__NAME__": "Jane Doe",
  "login": "janeDoe@example.com"
}' \
'http://localhost:8080/openidm/system/box/__ACCOUNT__'

step "Create a Box full user"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--request POST \
--data '{
  "__NAME__": "Miguel Benitez",
  "is_exempt_from_device_limits": "false",
  "type": "user",
  "job_title": "Designer",
  "space_amount": "1.000000456753152E15",
  "phone": "578945621",
  "status": "active",
  "enterprise": [
    {
      "type": "enterprise",
      "name": "testing"
    }
  ],
  "can_see_managed_users": "true",
  "is_external_collab_restricted": "false",
  "external_app_user_id": null,
  "is_exempt_from_login_verification": "false",
  "is_sync_enabled": "true",
  "groups": ["20013904637", "20013904699"],
  "max_upload_size": "5.36870912E10",
  "language": "en",
  "login": "someone@example.com",
  "avatar_url": "https://app.box.com/api/avatar/large/34721853021",
  "role": "user",
  "address": "San Carlos Buenos Aires",
  "is_platform_access_only": "false"
}' \
'http://localhost:8080/openidm/system/box/__ACCOUNT__'

step "List all Box users"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--request GET \
'http://localhost:8080/openidm/system/box/__ACCOUNT__?_queryFilter=True'

step "List all Box user IDs"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--request GET \
'http://localhost:8080/openidm/system/box/__ACCOUNT__?_queryId=query-all-ids'

step "Get Box user"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--request GET \
'http://localhost:8080/openidm/system/box/__ACCOUNT__/34721853021'

step "Update a Box user"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--header "If-Match: *" \
--request PUT \
--data '{
  "__NAME__": "Miguel Benitez",
  "is_exempt_from_device_limits": "false",
  "type": "user",
  "job_title": "Web Developer",
  "space_amount": "1.000000456753152E15",
  "phone": "1157199024",
  "status": "active",
  "enterprise": [
    {
      "type": "enterprise",
      "id": "1162568706",
      "name": "testing"
    }
  ],
  "can_see_managed_users": "true",
  "is_external_collab_restricted": "false",
  "external_app_user_id": null,
  "is_exempt_from_login_verification": "false",
  "is_sync_enabled": "true",
  "groups": ["20013904637", "20013904699"],
  "max_upload_size": "5.36870912E10",
  "language": "en",
  "avatar_url": "https://app.box.com/api/avatar/large/34721853021",
  "role": "user",
  "address": "Puerto La Cruz P.R",
  "is_platform_access_only": "false"
}' \
'http://localhost:8080/openidm/system/box/__ACCOUNT__/34721853021'

step "Delete a Box user"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--header "If-Match: *" \
--request DELETE \
'http://localhost:8080/openidm/system/box/__ACCOUNT__/34721853021'

step "Create a Box group"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--request POST \
--data '{
  "type": "group",
  "description": "Support Group - as imported from Active Directory",
  "external_sync_identifier": "AD:123456",
  "group_type": "managed_group",
  "invitability_level": "admins_only",
  "member_viewability_level": "admins_only",
  "__NAME__": "Support",
  "permissions": {
    "can_invite_as_collaborator": true
  },
  "provenance": "Active Directory"
}' \
'http://localhost:8080/openidm/system/box/__GROUP__'

step "Query all Box groups"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--request GET \
'http://localhost:8080/openidm/system/box/__GROUP__?_queryFilter=True'

step "Get a Box group"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--request GET \
'http://localhost:8080/openidm/system/box/__GROUP__/20147818911'

step "Update a Box group"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--header "If-Match: *" \
--request PUT \
--data '{
  "type": "group",
  "description": "Support Group - as imported from Active Directory",
  "external_sync_identifier": "AD:123456",
  "group_type": "managed_group",
  "invitability_level": "admins_only",
  "member_viewability_level": "admins_only",
  "name": "Support",
  "permissions": {
    "can_invite_as_collaborator": true
  },
  "provenance": "Active Directory"
}' \
'http://localhost:8080/openidm/system/box/__GROUP__/20147818911'

step "Delete a Box group"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--header "If-Match: *" \
--request DELETE \
'http://localhost:8080/openidm/system/box/__GROUP__/20147818911'

printf '\nAll Box examples answered as the page shows.\n'
