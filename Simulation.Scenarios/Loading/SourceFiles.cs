namespace Simulation.Scenarios.Loading;

/// <summary>Registers the files of one load in the order they are met, which is the order errors are listed in.</summary>
internal sealed class SourceFiles
{
    /// <summary>The name command-line overrides are reported under.</summary>
    public const string CommandLineName = "--set";

    private readonly List<SourceFile> _files = [];
    private readonly SortedDictionary<string, string> _tables = new(StringComparer.Ordinal);

    /// <summary>SHA-256 (lower-case hex) of each imported table's bytes, by full path: part of a run's and a sweep's identity.</summary>
    public IReadOnlyDictionary<string, string> ImportedTables => _tables;

    /// <summary>Records the bytes an imported table was read from.</summary>
    public void RecordTable(string path, byte[] bytes) =>
        _tables[System.IO.Path.GetFullPath(path)] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    public SourceFile Register(string path, string directory)
    {
        var file = new SourceFile(path, _files.Count, directory);
        _files.Add(file);
        return file;
    }
}
