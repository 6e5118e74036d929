#!/usr/bin/env bash
# Every curl call of the Dropbox connector page (shared/seeds/dropbox-connector.md), in the
# page's order, against a gateway started with `npm start` (its Dropbox sandbox answers at
# http://localhost:8080/sandbox/dropbox). The curl lines are the page's own; only these differ:
#   - line continuations the page forgot (invite, update group) are added so the shell runs them;
#   - the member and group the page invites/creates are the ones updated and deleted
#     ($MEMBER_ID, $GROUP_ID), so the script can run again and again;
#   - each call is prefixed with `run`, which prints the answer and stops on an HTTP error.
# Reads use the page's literal ids (TEAM_MEMBER_ID, GROUP_ID), which the sandbox holds.
set -euo pipefail

# IDM_URL=http://host:port runs the calls against another gateway; the lines keep the page's localhost:8080.
IDM_URL=${IDM_URL:-http://localhost:8080}
curl() { command curl "${@//http:\/\/localhost:8080/$IDM_URL}"; }

command -v jq >/dev/null || { echo "this script needs jq" >&2; exit 2; }

# Runs a curl command, prints its JSON answer, fails on a status >= 400; the body stays in $BODY.
run() {
  local out status
  out=$("$@" --silent --show-error --write-out $'\n%{http_code}')
  status=${out##*$'\n'}
  BODY=${out%$'\n'*}
  printf '%s\n' "$BODY" | jq . 2>/dev/null || printf '%s\n' "$BODY"
  if [ "$status" -ge 400 ]; then echo "HTTP $status" >&2; exit 1; fi
}

step() { printf '\n### %s\n' "$1"; }

step "Leftovers of an interrupted earlier run (not on the page): the page's member and group are removed"
for id in $(curl -s -H "X-OpenIDM-Username: openidm-admin" -H "X-OpenIDM-Password: openidm-admin" -G \
    --data-urlencode '_queryFilter=email eq "NEW.MEMBER@EMAIL.COM"' --data-urlencode '_fields=_id' \
    'http://localhost:8080/openidm/system/dropbox/__ACCOUNT__' | jq -r '.result[]._id'); do
  curl -s -o /dev/null -X DELETE -H "X-OpenIDM-Username: openidm-admin" -H "X-OpenIDM-Password: openidm-admin" \
    "http://localhost:8080/openidm/system/dropbox/__ACCOUNT__/$id"
done
for id in $(curl -s -H "X-OpenIDM-Username: openidm-admin" -H "X-OpenIDM-Password: openidm-admin" -G \
    --data-urlencode '_queryFilter=group_name eq "GROUP NAME" or group_name eq "new name"' --data-urlencode '_fields=_id' \
    'http://localhost:8080/openidm/system/dropbox/__GROUP__' | jq -r '.result[]._id'); do
  curl -s -o /dev/null -X DELETE -H "X-OpenIDM-Username: openidm-admin" -H "X-OpenIDM-Password: openidm-admin" \
    "http://localhost:8080/openidm/system/dropbox/__GROUP__/$(jq -rn --arg v "$id" '$v|@uri')"
done

step "Test the Dropbox connector"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Accept-API-Version: resource=1.0' \
--request POST  'http://localhost:8080/system/dropbox?_action=test'
[ "$(jq -r .ok <<<"$BODY")" = true ] || { echo "the connector test is not ok" >&2; exit 1; }

step "Invite a member"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Accept-API-Version: resource=1.0' \
--header 'Content-Type: application/json' \
--data '{
    "email" : "NEW.MEMBER@EMAIL.COM",
    "given_name" : "GIVENNAME",
    "surname" : "SURNAME",
    "role_id" : "ROLE ID"
}' \
--request POST 'http://localhost:8080/system/dropbox/__ACCOUNT__?_action=create'
MEMBER_ID=$(jq -r ._id <<<"$BODY")

step "Get members"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header "Accept-API-Version: resource=1.0" \
--request GET 'http://localhost:8080/openidm/system/dropbox/__ACCOUNT__?_queryId=query-all-ids'

step "Get member"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header "Accept-API-Version: resource=1.0" \
--request GET 'http://localhost:8080/openidm/system/dropbox/__ACCOUNT__/TEAM_MEMBER_ID'

step "Get member email"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header "Accept-API-Version: resource=1.0" \
--request GET 'http://localhost:8080/openidm/system/dropbox/__ACCOUNT__/TEAM_MEMBER_ID?_fields=email'

step "Delete member (the member invited above)"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Accept-API-Version: resource=1.0' \
--request DELETE "http://localhost:8080/openidm/system/dropbox/__ACCOUNT__/$MEMBER_ID"

step "Create a new empty group"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Content-Type: application/json' \
--data '{
    "group_name" : "GROUP NAME",
    "group_management_type" : "company_managed",
    "group_external_id" : "GROUP EXTERNAL ID"
}' \
--request POST 'http://localhost:8080/openidm/system/dropbox/__GROUP__?_action=create'
GROUP_ID=$(jq -r '._id|@uri' <<<"$BODY")

step "Get groups"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header "Accept-API-Version: resource=1.0" \
--request GET 'http://localhost:8080/openidm/system/dropbox/__GROUP__?_queryId=query-all-ids'

step "Update a group (the group created above)"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'If-Match: *' \
--header 'Content-Type: application/json' \
--data '{
    "group_name" : "new name",
    "group_management_type" : "company_managed",
    "group_external_id" : "new external id",
    "members" : [
        {
            "access_type" : "member",
            "team_member_id" : "TEAM_MEMBER_ID"
        }
    ]
}' \
--request PUT "http://localhost:8080/openidm/system/dropbox/__GROUP__/$GROUP_ID"

step "Delete a group (the group created above)"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header 'Accept-API-Version: resource=1.0' \
--request DELETE "http://localhost:8080/openidm/system/dropbox/__GROUP__/$GROUP_ID"

step "Roles"
run curl \
--header "X-OpenIDM-Username: openidm-admin" \
--header "X-OpenIDM-Password: openidm-admin" \
--header "Accept-API-Version: resource=1.0" \
--request GET 'http://localhost:8080/openidm/system/dropbox/role/?_queryFilter=true'

printf '\nAll the Dropbox connector page examples answered.\n'
