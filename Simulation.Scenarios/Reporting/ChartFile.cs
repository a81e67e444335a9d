namespace Simulation.Scenarios.Reporting;

/// <summary>A chart written to <c>charts/</c> as <c>Name.png</c> and <c>Name.svg</c>, with what the report says about it.</summary>
/// <param name="Name">The file name without extension, e.g. <c>trajectory-fill_rate</c>.</param>
/// <param name="Section">The report section it belongs to.</param>
/// <param name="Title">The chart's title.</param>
/// <param name="Caption">One or two plain sentences saying what it shows and how to read it.</param>
internal sealed record ChartFile(string Name, string Section, string Title, string Caption);
