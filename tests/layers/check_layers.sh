#!/usr/bin/env bash
# The include rules of docs/layers.md: a header under include/leibniz/<dir>/
# may include the headers of its own directory and of the directories its row
# of the table below names, nothing else. One line per broken rule, naming
# the file, the header it includes and the rule; exit status 1 if any.
#
#   usage: check_layers.sh INCLUDE_ROOT   (the folder that holds leibniz/)
#
# Headers include each other as <leibniz/...>; a quoted include in the
# library is reported too, since it would escape the check.
set -u

root=${1:?usage: check_layers.sh INCLUDE_ROOT (the folder that holds leibniz/)}
root=${root%/}
if [[ ! -d $root/leibniz ]]; then
    echo "check_layers: $root/leibniz is not a folder"
    exit 2
fi

# The table (keep it in step with docs/layers.md). "top" is include/leibniz/*.hpp;
# "*" means anything.
declare -A may=(
    [detail]=""
    [ir]="detail"
    [dsl]="detail ir simplify"
    [calculus]="detail ir calculus simplify"
    [simplify]="detail ir calculus simplify"
    [plan]="detail ir calculus simplify"
    [print]="detail ir calculus simplify plan"
    [parse]="detail ir print"
    [eval]="detail ir dsl calculus simplify plan"
    [emit]="detail ir calculus simplify plan eval"
    [stats]="*"
    [top]="*"
)

# The layer of a path relative to the root: leibniz/<dir>/... -> <dir>, leibniz/x.hpp -> top.
layer=""
layer_of() {
    local rest=${1#leibniz/}
    if [[ $rest == */* ]]; then layer=${rest%%/*}; else layer=top; fi
}

# "detail, ir" for "detail ir"; the directory itself is always allowed.
rule_text() {
    local list=$1
    if [[ -z $list ]]; then
        echo "nothing but itself"
    else
        echo "${list// /, } (and itself)"
    fi
}

include_re='^[[:space:]]*#[[:space:]]*include[[:space:]]*([<"])([^>"]*)[>"]'
broken=0
includes=0
headers=0
while IFS= read -r -d '' file; do
    rel=${file#"$root"/}
    layer_of "$rel"
    from=$layer
    if [[ ! -v may[$from] ]]; then
        echo "$rel: the directory $from has no row in the layer table (docs/layers.md)"
        broken=$((broken + 1))
        continue
    fi
    headers=$((headers + 1))
    allowed=${may[$from]}
    lineno=0
    while IFS= read -r line || [[ -n $line ]]; do
        lineno=$((lineno + 1))
        [[ $line =~ $include_re ]] || continue
        delim=${BASH_REMATCH[1]}
        target=${BASH_REMATCH[2]}
        if [[ $delim == '"' ]]; then
            echo "$rel:$lineno: includes \"$target\": library headers include each other as <leibniz/...>"
            broken=$((broken + 1))
            continue
        fi
        [[ $target == leibniz/* ]] || continue
        includes=$((includes + 1))
        layer_of "$target"
        to=$layer
        [[ $to == "$from" || $allowed == "*" || " $allowed " == *" $to "* ]] && continue
        echo "$rel:$lineno: includes <$target>, but $from may include only $(rule_text "$allowed")"
        broken=$((broken + 1))
    done <"$file"
done < <(find "$root/leibniz" -type f -name '*.hpp' -print0 | LC_ALL=C sort -z)

if ((broken != 0)); then
    echo "include rules: $broken broken (docs/layers.md)"
    exit 1
fi
echo "include rules: $includes includes in $headers headers, none backward (docs/layers.md)"
