# VFIO Inspector remote capture: sent on ssh's standard input and run by the remote sh (dash, busybox sh,
# bash). Needs nothing but coreutils and tar (with gzip). Reads only whitelisted names below ROOT (default /),
# never writes there, copies them into a private temporary directory and writes that as a gzip-compressed
# tar to standard output. The whitelists (FUNCTION_FILES ...) are set above this text by the tool, from the
# names the local snapshot writer keeps; the tool checks and re-captures what arrives like any untrusted
# snapshot, so this script only has to read the right files, never to be trusted.
# Failures are one line on standard error: "vfio-inspector-capture: error: KIND: text", and exit code 3.
set -u
umask 077
fail() {
    printf 'vfio-inspector-capture: error: %s: %s\n' "$1" "$2" >&2
    exit 3
}
R=${1:-/}
case $R in
    /) R= ;;
    /*) R=${R%/} ;;
    *) fail usage "the capture root must be an absolute path" ;;
esac
os=$(uname -s 2>/dev/null) || os=unknown
[ "$os" = Linux ] || fail not-linux "the remote host runs $os, not Linux"
[ -d "$R/sys/bus/pci" ] || fail no-sys "the remote host has no $R/sys/bus/pci (no sysfs, or no PCI bus)"
S=$(mktemp -d 2>/dev/null) || fail io "cannot create a temporary directory on the remote host"
trap 'rm -rf "$S"' EXIT
trap 'exit 4' INT TERM HUP PIPE
T=$S/t
mkdir "$T"

has() { # NAME "LIST": is NAME one of the words of LIST
    case " $2 " in *" $1 "*) return 0 ;; esac
    return 1
}
parent() {
    case $1 in */*) [ -d "$T/${1%/*}" ] || mkdir -p "$T/${1%/*}" ;; esac
}
dir() {
    [ -d "$T/$1" ] || mkdir -p "$T/$1"
}
# a regular file (not a link) of at most $2 bytes; unreadable ones are left out. Text attributes are copied
# with the shell's own read (no process per file: a host has thousands), binary config space with head.
file() {
    [ -f "$R/$1" ] && [ ! -h "$R/$1" ] || return 0
    parent "$1"
    case $1 in
        */config) head -c "$2" "$R/$1" > "$T/$1" 2>/dev/null || rm -f "$T/$1" ;;
        *) text "$R/$1" "$T/$1" || rm -f "$T/$1" ;;
    esac
}
text() { # SOURCE TARGET: at most 4096 lines, each ending in a newline
    local l n=0
    {
        while IFS= read -r l || [ -n "$l" ]; do
            printf '%s\n' "$l"
            n=$((n + 1))
            [ "$n" -lt 4096 ] || break
        done < "$1"
    } > "$2" 2>/dev/null
}
# as file, following links (proc/mounts is one)
followed() {
    [ -f "$R/$1" ] || return 0
    parent "$1"
    head -c "$2" "$R/$1" > "$T/$1" 2>/dev/null || rm -f "$T/$1"
}
link() {
    [ -h "$R/$1" ] || return 0
    local t
    t=$(readlink "$R/$1" 2>/dev/null) || return 0
    parent "$1"
    ln -s "$t" "$T/$1" 2>/dev/null || :
}
links_in() {
    [ -d "$R/$1" ] && [ ! -h "$R/$1" ] || return 0
    dir "$1"
    local c
    for c in "$R/$1"/*; do
        [ -h "$c" ] && link "$1/${c##*/}"
    done
}
is_bdf() {
    case $1 in *[!0-9a-f:.]*) return 1 ;; esac
    case $1 in
        *:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f].[0-7]) ;;
        *) return 1 ;;
    esac
    local d=${1%:??:??.?}
    case $d in *[!0-9a-f]*) return 1 ;; esac
    [ ${#d} -ge 4 ] && [ ${#d} -le 8 ]
}
is_host_bridge() {
    case $1 in pci*) ;; *) return 1 ;; esac
    local r=${1#pci}
    case $r in *:[0-9a-f][0-9a-f]) ;; *) return 1 ;; esac
    local d=${r%:??}
    case $d in *[!0-9a-f]*) return 1 ;; esac
    [ ${#d} -ge 4 ] && [ ${#d} -le 8 ]
}
host_bridge() { # REL NESTING
    dir "$1"
    [ "$2" -lt 64 ] || return 0
    local c n
    for c in "$R/$1"/*; do
        [ -d "$c" ] && [ ! -h "$c" ] || continue
        n=${c##*/}
        if is_bdf "$n"; then
            function_dir "$1/$n" $(($2 + 1))
        elif is_host_bridge "$n"; then
            host_bridge "$1/$n" $(($2 + 1))
        fi
    done
}
function_dir() { # REL NESTING
    dir "$1"
    local c n max
    for c in "$R/$1"/*; do
        n=${c##*/}
        if [ -h "$c" ]; then
            case $n in virtfn*) link "$1/$n" ;; *) has "$n" "$FUNCTION_LINKS" && link "$1/$n" ;; esac
        elif [ -f "$c" ]; then
            if has "$n" "$FUNCTION_FILES"; then
                max=$TEXT_MAX
                [ "$n" = config ] && max=$CONFIG_MAX
                file "$1/$n" "$max"
            fi
        elif [ -d "$c" ] && [ "$2" -lt 64 ]; then
            if is_bdf "$n"; then
                function_dir "$1/$n" $(($2 + 1))
            elif is_host_bridge "$n"; then
                host_bridge "$1/$n" $(($2 + 1))
            elif ! has "$n" "$PRUNED"; then
                subtree "$1/$n" 1
            fi
        fi
    done
}
subtree() { # REL DEPTH: directories and SUBTREE_FILES below a function, links not followed
    dir "$1"
    local c n
    for c in "$R/$1"/*; do
        [ -h "$c" ] && continue
        n=${c##*/}
        if [ -f "$c" ]; then
            has "$n" "$SUBTREE_FILES" && file "$1/$n" "$TEXT_MAX"
        elif [ -d "$c" ] && [ "$2" -lt "$SUBTREE_DEPTH" ] && ! has "$n" "$PRUNED" && ! is_bdf "$n"; then
            subtree "$1/$n" $(($2 + 1))
        fi
    done
}
slots() {
    local s f
    for s in "$R/sys/bus/pci/slots"/*; do
        [ -d "$s" ] && [ ! -h "$s" ] || continue
        dir "sys/bus/pci/slots/${s##*/}"
        for f in "$s"/*; do
            if [ -h "$f" ]; then
                [ "${f##*/}" = module ] && link "sys/bus/pci/slots/${s##*/}/module"
            elif has "${f##*/}" "$SLOT_FILES"; then
                file "sys/bus/pci/slots/${s##*/}/${f##*/}" "$TEXT_MAX"
            fi
        done
    done
}
iommu_groups() {
    local g f
    [ -d "$R/sys/kernel/iommu_groups" ] && dir sys/kernel/iommu_groups
    for g in "$R/sys/kernel/iommu_groups"/*; do
        [ -d "$g" ] && [ ! -h "$g" ] || continue
        dir "sys/kernel/iommu_groups/${g##*/}"
        for f in $GROUP_FILES; do
            file "sys/kernel/iommu_groups/${g##*/}/$f" "$TEXT_MAX"
        done
        links_in "sys/kernel/iommu_groups/${g##*/}/devices"
    done
}
virtual_block() {
    local l t d c
    for l in "$R/sys/block"/*; do
        [ -h "$l" ] || continue
        t=$(readlink "$l" 2>/dev/null) || continue
        case $t in ../devices/virtual/*) ;; *) continue ;; esac
        case $t in *..*/..*|*/../*) continue ;; esac
        d=sys/${t#../}
        [ -d "$R/$d" ] || continue
        dir "$d"
        links_in "$d/slaves"
        links_in "$d/multipath"
        file "$d/dm/name" "$TEXT_MAX"
        for c in "$R/$d"/*; do
            [ -d "$c" ] && [ ! -h "$c" ] && [ -f "$c/partition" ] && file "$d/${c##*/}/partition" "$TEXT_MAX"
        done
        case ${d%/*} in
            */nvme-subsystem/*)
                for c in "$R/${d%/*}"/nvme*; do
                    [ -h "$c" ] && link "${d%/*}/${c##*/}"
                done ;;
        esac
    done
}
holders() {
    local p pid line x fd t
    for p in "$R/proc"/[0-9]*; do
        pid=${p##*/}
        case $pid in *[!0-9]*) continue ;; esac
        [ -d "$p" ] && [ ! -h "$p" ] || continue
        if ! ls "$p/fd" > /dev/null 2>&1; then
            # unreadable (another user's process without root): an empty file where the folder would be,
            # so the tool counts the process as unreadable and its holders stay unknown
            [ -d "$p" ] || continue
            dir "proc/$pid"
            : > "$T/proc/$pid/fd"
            continue
        fi
        # a link that cannot be read is left out, as the local capture leaves it out
        x=$(ls -l "$p/fd" 2>/dev/null)
        printf '%s\n' "$x" | while IFS= read -r line; do
            case $line in
                *" -> "*dev/vfio/*|*" -> "*dev/iommu|*" -> "*dev/kvm|*" -> anon_inode:kvm-vfio") ;;
                *) continue ;;
            esac
            x=${line%% -> *}
            fd=${x##* }
            case $fd in ''|*[!0-9]*) continue ;; esac
            link "proc/$pid/fd/$fd"
        done
        if [ -d "$T/proc/$pid/fd" ]; then
            for x in comm status; do file "proc/$pid/$x" "$TEXT_MAX"; done
            file "proc/$pid/cmdline" "$TABLE_MAX"
        fi
    done
}

links_in sys/bus/pci/devices
slots
if [ -d "$R/sys/bus/pci_express/drivers" ] && [ ! -h "$R/sys/bus/pci_express/drivers" ]; then
    dir sys/bus/pci_express/drivers
    for c in "$R/sys/bus/pci_express/drivers"/*; do
        [ -d "$c" ] && [ ! -h "$c" ] && links_in "sys/bus/pci_express/drivers/${c##*/}"
    done
fi
for c in "$R/sys/bus/pci/drivers"/*; do
    [ -d "$c" ] && [ ! -h "$c" ] && dir "sys/bus/pci/drivers/${c##*/}"
done
for c in "$R/sys/devices"/pci*; do
    [ -d "$c" ] && [ ! -h "$c" ] && is_host_bridge "${c##*/}" && host_bridge "sys/devices/${c##*/}" 0
done
iommu_groups
links_in sys/class/net
links_in sys/block
virtual_block
links_in sys/class/drm
[ -d "$R/proc" ] && [ ! -h "$R/proc" ] && dir proc
for f in $PROC_FILES; do followed "$f" "$TABLE_MAX"; done
for f in $MACHINE_FILES; do followed "$f" "$TEXT_MAX"; done
followed proc/cpuinfo 4096
file snapshot-info.txt "$TEXT_MAX"
# The process table was read (a live proc/ always lists this script): say so the way a snapshot does, so no
# holder seen means none. A tree without processes (a capture from elsewhere) stays unknown, as with --root.
for c in "$R/proc"/[0-9]*; do
    if [ -d "$c" ] && [ ! -f "$T/snapshot-info.txt" ]; then
        printf 'VFIO Inspector remote capture\nprocess-table: read\n' > "$T/snapshot-info.txt"
    fi
done
file proc/no-process-table "$TEXT_MAX"
holders
tar -C "$T" -czf - . || fail io "tar could not write the capture"
