using System.Text.RegularExpressions;
using Simulation.Scenarios.Experiments.Charts;

namespace Simulation.Tests.Outputs;

/// <summary>Checks that charts are drawn in the one sans-serif family, read from the fonts their SVGs name.</summary>
internal static partial class ChartFonts
{
    /// <summary>Asserts that every SVG in <paramref name="chartsFolder"/> names only <see cref="ChartFiles.SansFont"/>.</summary>
    public static void AssertAllSans(string chartsFolder)
    {
        string[] svgs = Directory.GetFiles(chartsFolder, "*.svg");
        Assert.NotEmpty(svgs);
        Assert.DoesNotContain("Serif", ChartFiles.SansFont, StringComparison.Ordinal);
        foreach (string svg in svgs)
        {
            var families = FontFamily().Matches(File.ReadAllText(svg)).Select(m => m.Groups[1].Value).ToHashSet();
            Assert.True(families.SetEquals([ChartFiles.SansFont]), $"{Path.GetFileName(svg)}: {string.Join(", ", families)}");
        }
    }

    [GeneratedRegex("font-family=\"([^\"]*)\"")]
    private static partial Regex FontFamily();
}
