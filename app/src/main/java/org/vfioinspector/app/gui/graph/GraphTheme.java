package org.vfioinspector.app.gui.graph;

/**
 * The graph's colours as {@code #RRGGBB} text, shared by the canvas painter and the SVG export.
 * Group colours come from {@link GroupPalette} and are the same in both themes.
 */
public record GraphTheme(String name, String background, String nodeFill, String domainFill, String nodeStroke,
                         String text, String dimText, String edge, String edgeLabel, String degraded,
                         String vfioBadge, String hostBadge, String badgeText, String noneBadge,
                         String selection, String affected, String glyphTint, double regionAlpha, double dimAlpha) {

    public static final GraphTheme LIGHT = new GraphTheme("light", "#F7F8FA", "#FFFFFF", "#E8EDF3", "#9AA5B1",
            "#1F2933", "#52606D", "#8795A1", "#3E4C59", "#B35900",
            "#1B7F3B", "#3F5873", "#FFFFFF", "#7B8794",
            "#0B63CE", "#C8102E", "#37474F", 0.16, 0.38);

    public static final GraphTheme DARK = new GraphTheme("dark", "#1B1F24", "#2A3038", "#323A45", "#5B6673",
            "#E4E7EB", "#A9B3BE", "#6B7785", "#C3CBD4", "#FFB454",
            "#2EA44F", "#5A7896", "#FFFFFF", "#9AA5B1",
            "#4DA3FF", "#FF5A6E", "#D5DBE1", 0.22, 0.40);

    public boolean dark() {
        return "dark".equals(name);
    }
}
