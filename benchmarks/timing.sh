# shellcheck shell=bash
# Shared by the benchmark scripts (source it): wall-clock milliseconds of one command, median of a list.

function milliseconds {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true # a failing run is still timed; the script warms up (and checks) each command first
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

function median {
    tr ' ' '\n' <<<"$1" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# One result line: label padded to WIDTH, the median and every run: report WIDTH LABEL "${runs[*]}"
function report {
    printf "%-${1}s median %6s ms   (runs: %s)\n" "$2" "$(median "$3")" "$3"
}
