#!/bin/sh
# Regenerates every PNG under icons/ from the SVG sources.
# Uses rsvg-convert (Debian/Ubuntu: librsvg2-bin) when present because it renders SVG
# faithfully; falls back to ImageMagick, whose own SVG renderer is less exact.
set -eu
cd "$(dirname "$0")"

render() { # render SRC.svg SIZE OUT.png
    if command -v rsvg-convert >/dev/null 2>&1; then
        rsvg-convert -w "$2" -h "$2" -o "$3" "$1"
    elif command -v convert >/dev/null 2>&1; then
        # -density high enough that the vector is rasterised above the target size
        convert -background none -density 1200 "$1" -resize "$2x$2" \
            -define png:exclude-chunks=date,time "$3"
    else
        echo "render.sh: need rsvg-convert (librsvg2-bin) or ImageMagick convert" >&2
        exit 1
    fi
}

mkdir -p png glyphs/png

# Small sizes use hand-hinted variants drawn on their own pixel grid; the full
# drawing turns to mush below 32 px.
for size in 16 24 32 48 64 128 256; do
    case $size in
        16) src=vfio-inspector-16.svg ;;
        24) src=vfio-inspector-24.svg ;;
        *)  src=vfio-inspector.svg ;;
    esac
    render "$src" "$size" "png/vfio-inspector-$size.png"
done

for svg in glyphs/*.svg; do
    name=$(basename "$svg" .svg)
    for size in 24 48; do
        render "$svg" "$size" "glyphs/png/$name-$size.png"
    done
done
echo "render.sh: PNGs written under $(pwd)"
