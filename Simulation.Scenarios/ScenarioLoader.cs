using System.Security.Cryptography;
using System.Text;
using Simulation.Core.Network.Definitions;
using Simulation.Scenarios.Building;
using Simulation.Scenarios.Loading;
using Simulation.Scenarios.Reading;

namespace Simulation.Scenarios;

/// <summary>
/// Loads scenario files (docs/scenario-format.md) into a validated <see cref="NetworkDefinition"/>. This
/// is the edge where input is checked: everything wrong is reported at once, with file, line, column
/// and field, and nothing is built unless the whole scenario is valid.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>
    /// Loads a scenario: reads it and the chain of bases it <c>extends</c>, applies the overrides,
    /// expands supplier groups, imported supplier lists and group links, validates everything and builds
    /// the network.
    /// </summary>
    /// <param name="path">The scenario file.</param>
    /// <param name="overrides"><c>path=value</c> overrides (from <c>--set</c>), applied in order after <c>extends</c>.</param>
    /// <returns>The network, or the errors; never throws for bad input or unreadable files.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static ScenarioLoadResult Load(string path, IReadOnlyList<string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var errors = new Diagnostics();
        var files = new SourceFiles();
        SMap? root = DocumentAssembler.Assemble(path, files, errors);
        if (root is null)
        {
            return new ScenarioLoadResult(null, errors.Sorted(), "", Hash(""), files.ImportedTables);
        }

        if (overrides is { Count: > 0 })
        {
            SourceFile commandLine = files.Register(SourceFiles.CommandLineName, ".");
            OverrideApplier.Apply(root, overrides, commandLine, errors);
        }

        string resolved = YamlTreeWriter.Write(root);
        string directory = Path.GetDirectoryName(path) is { Length: > 0 } folder ? folder : ".";
        ScenarioSpec spec = ScenarioReader.Read(root, errors, files, directory);
        NetworkDefinition? definition = NetworkBuilder.Build(spec, errors);
        return new ScenarioLoadResult(definition, errors.Sorted(), resolved, Hash(resolved), files.ImportedTables) { Report = spec.Report };
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
