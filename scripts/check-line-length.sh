#!/usr/bin/env bash
# The house limit of .editorconfig (max_line_length = 140): no line of the tracked C# sources is longer than 140
# characters (characters, not bytes: "→" counts one). Lists every longer line as FILE:LINE: LENGTH and exits 1.
#   bash scripts/check-line-length.sh [LIMIT]
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-140}
export LC_ALL=C.UTF-8
long=$(git ls-files -z '*.cs' '*.csx' | xargs -0 grep -nE "^.{$((limit + 1)),}$" /dev/null || true)
if [[ -z $long ]]; then
  echo "line length: every C# line is at most $limit characters"
  exit 0
fi
while IFS= read -r hit; do
  file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; text=${rest#*:}
  echo "$file:$line: ${#text} characters (limit $limit)"
done <<< "$long"
echo "line length: $(wc -l <<< "$long") lines over $limit characters"
exit 1
