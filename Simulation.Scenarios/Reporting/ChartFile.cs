namespace Simulation.Scenarios.Reporting;

/// <summary>A chart written to <c>charts/</c> as <c>Name.svg</c>, with what the report says about it.</summary>
/// <param name="Name">The file name without extension, e.g. <c>trajectory-fill_rate</c>.</param>
/// <param name="Section">The report section it belongs to.</param>
/// <param name="Title">The chart's title.</param>
/// <param name="Caption">One or two plain sentences saying what it shows and how to read it.</param>
/// <param name="Columns">The snake_case columns it is drawn from, for the small print.</param>
internal sealed record ChartFile(string Name, string Section, string Title, string Caption, string Columns)
{
    /// <summary>Writes <c>name.svg</c> into <paramref name="folder"/>.</summary>
    public static void Write(string folder, string name, string svg) =>
        File.WriteAllText(Path.Combine(folder, name + ".svg"), svg);
}
