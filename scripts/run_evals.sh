#!/usr/bin/env bash
# `make eval`: run every benchmark on the open data beside the checkout and write docs/benchmarks.md.
# Each section is the command's own Markdown output (metric, warlog, anchor, anchor source) under the command line
# that reproduces it. Takes about half an hour on 2 cores (GVA counts and the FA-KES caches dominate).
set -uo pipefail
W=${WARLOG:-.venv/bin/warlog}
S=${SHARED:-../shared}
B=$S/benchmarks
D=$S/data
OUT=${1:-docs/benchmarks.md}
TMP=$(mktemp)

run() {
    echo "## \`warlog $*\`" >>"$TMP"
    echo >>"$TMP"
    if ! "$W" "$@" --format markdown >>"$TMP" 2>>"$TMP.err"; then
        echo "(failed: see stderr)" >>"$TMP"
        tail -5 "$TMP.err" | sed 's/^/    /' >>"$TMP"
    fi
    echo >>"$TMP"
    echo "done: warlog $*" >&2
}

{
    echo "# Benchmarks"
    echo
    echo "Written by \`make eval\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1))."
    echo "Every figure is on open data in \`../shared\`; the sealed test splits are not readable here."
    echo "Anchors are the published numbers each metric competes with; where they come from another split or corpus, the note says so."
    echo
    # The hand-written summary table is kept from the previous file (update its figures by hand after a run).
    if [ -f "$OUT" ]; then
        awk '/^## Summary/{keep=1} /^## `warlog /{keep=0} keep' "$OUT"
    fi
} >"$TMP"

run eval geoparse --corpus lgl --data "$B/geoparsing/lgl.xml"
run eval geoparse --corpus trnews --data "$B/geoparsing/TR-News.xml"
run eval geoparse --corpus geovirus --data "$B/geoparsing/GeoVirus.xml"
run eval places --source ucdp --data "$D/ucdp-ged-syria-2016-2019/ged_syria_2016-01-01_2019-11-30.csv.gz"
run eval places --source acled --data "$D/acled-syria-battles-2017-2023/acled_syria_battles_2017-01-01_2023-06-02.csv.gz"
run eval timex --data "$B/tempeval3/Training/TBAQ-cleaned"
run eval counts --corpus gvdb --data "$B/gvdb/dev.tsv"
run eval counts --corpus wad --data "$B/wad_pitf_atrocities/wad_2016_2020_core.csv.gz"
run eval counts --corpus acled --data "$D/acled-global-sample-2020"
run eval counts --corpus acled --data "$D/acled-syria-battles-2017-2023"
run eval counts --corpus gva --data "$B/gva_semeval2018t5"
run eval types --corpus acled --data "$D/acled-global-sample-2020"
run eval types --corpus acled --data "$D/acled-syria-battles-2017-2023"
run eval actors --data "$D/acled-global-sample-2020"
run eval actors --data "$D/acled-syria-battles-2017-2023"
run eval sentences --data "$B/conflibert_eval/IndiaPoliceEvents_sents"
run eval articles --gold "$D/fa-kes-gold-dev/dev.json" --data "$D/fa-kes/FA-KES-Dataset.csv"
# whole articles from another war and decade (held out; about a minute). The own held-out set
# (`warlog eval devset --data tests/fixtures/heldout_own`) is NOT run here: it is scored by hand once per round.
run eval muc4 --data "$D/muc4-grit/test.json"
run eval link --corpus gvc --data "$B/gvc"
# the shipped linker on GVA ingests every document: a 300-incident sample keeps the run to minutes
run eval link --corpus gva --data "$B/gva_semeval2018t5" --limit 300
# Studies (not product numbers): the GVC-only mention model and the FA-KES corroboration question
echo "# Studies (not product numbers)" >>"$TMP"
echo >>"$TMP"
run eval link --corpus gvc-study --data "$B/gvc"
run eval corroboration --data "$D/fa-kes/FA-KES-Dataset.csv"
run eval corroboration --data "$D/fa-kes/FA-KES-Dataset.csv" --vdc "$D/vdc-syria-casualties/vdc_victims_sample_2011_2019.csv.gz"

mkdir -p "$(dirname "$OUT")"
mv "$TMP" "$OUT"
rm -f "$TMP.err"
echo "wrote $OUT" >&2
