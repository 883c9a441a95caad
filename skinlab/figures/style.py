"""The static figures' one style: resolution, text sizes and the fixed settings that make the
files come out the same on every run and machine with the same versions."""

DPI = 100
# Text sizes in points. The figures are about 9.5 in wide at 100 dpi and shown about 850 px
# wide in a notebook, so 11 pt comes out about 13 px on screen.
FONT = 11  # the smallest text on any figure
TICK, LEGEND, LABEL, TITLE, CAPTION = 11, 11, 11.5, 12.5, 11
# Fixed settings so the files come out the same on every run and machine with the same versions.
RC = {"svg.hashsalt": "skinlab", "svg.fonttype": "path", "hatch.linewidth": 0.6,
      "font.size": FONT, "axes.titlesize": TITLE, "axes.labelsize": LABEL,
      "xtick.labelsize": TICK, "ytick.labelsize": TICK, "legend.fontsize": LEGEND}
RIGHTS = "CC BY 4.0, the skinlab authors"
SVG_METADATA = {"Date": None, "Creator": "skinlab (matplotlib)", "Rights": RIGHTS}
PNG_METADATA = {"Software": None, "Copyright": RIGHTS}
