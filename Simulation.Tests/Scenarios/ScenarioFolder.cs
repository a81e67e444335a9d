using Simulation.Scenarios;

namespace Simulation.Tests.Scenarios;

/// <summary>A temporary folder to write scenario files into and load them from.</summary>
internal sealed class ScenarioFolder : IDisposable
{
    /// <summary>
    /// A small valid network, one key per line so that tests can replace a line and know exactly where
    /// the error is: buyer b1 (tier 0) &lt;- s1 (tier 1, makes good from raw) &lt;- s2 (tier 2, makes raw).
    /// </summary>
    public const string Minimal = """
        name: t
        horizon_days: 100
        regions:
          - id: r1
        products:
          - id: raw
          - id: good
            inputs: [{product: raw, quantity_per_unit: 2}]
        buyers:
          - id: b1
            region: r1
            product: good
            demand: {quantity: 10}
            sources: [{supplier: s1, share: 1}]
        suppliers:
          - id: s1
            tier: 1
            region: r1
            product: good
            capacity_per_day: 100
            inputs:
              - product: raw
                sources: [{supplier: s2, share: 1}]
          - id: s2
            tier: 2
            region: r1
            product: raw
            capacity_per_day: 100

        """;

    public ScenarioFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "scenario-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The minimal scenario with its 1-based line <paramref name="line"/> replaced.</summary>
    public static string MinimalWithLine(int line, string text) => WithLine(Minimal, line, text);

    public static string WithLine(string yaml, int line, string text)
    {
        string[] lines = yaml.Split('\n');
        lines[line - 1] = text;
        return string.Join('\n', lines);
    }

    public string Write(string name, string text)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes <paramref name="yaml"/> as scenario.yaml and loads it.</summary>
    public ScenarioLoadResult Load(string yaml, params string[] overrides) =>
        ScenarioLoader.Load(Write("scenario.yaml", yaml), overrides);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
