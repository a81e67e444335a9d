namespace Simulation.Scenarios.Experiments.Compare;

/// <summary>
/// One variant of a comparison: a scenario file (the base's, or a variant file that <c>extends:</c> it)
/// and the overrides that make it different.
/// </summary>
/// <param name="Name">The variant's name in tables and outputs (letters, digits, '-', '_', '.').</param>
/// <param name="ScenarioPath">The scenario file to load.</param>
/// <param name="Overrides"><c>path=value</c> overrides applied after the ones every variant shares.</param>
public sealed record ComparisonVariant(string Name, string ScenarioPath, IReadOnlyList<string> Overrides);
