namespace Simulation.Scenarios.Loading;

/// <summary>Registers the files of one load in the order they are met, which is the order errors are listed in.</summary>
internal sealed class SourceFiles
{
    /// <summary>The name command-line overrides are reported under.</summary>
    public const string CommandLineName = "--set";

    private readonly List<SourceFile> _files = [];

    public SourceFile Register(string path, string directory)
    {
        var file = new SourceFile(path, _files.Count, directory);
        _files.Add(file);
        return file;
    }
}
