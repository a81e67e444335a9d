using System.Globalization;

namespace Simulation.Core.Randomness;

/// <summary>
/// A fixed value; made by <see cref="Distribution.Constant"/>. Sampling takes no number from the
/// stream.
/// </summary>
public sealed record ConstantDistribution : Distribution
{
    internal ConstantDistribution(double value)
    {
        RequireFinite("constant", nameof(value), value);
        Value = value;
    }

    /// <summary>The value every draw returns.</summary>
    public double Value { get; }

    /// <inheritdoc/>
    public override double Mean => Value;

    /// <inheritdoc/>
    public override double Variance => 0;

    /// <summary>The scenario-file form, e.g. <c>{dist: constant, value: 3}</c>.</summary>
    /// <returns>The text, with invariant culture.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{{dist: constant, value: {Value}}}");

    private protected override double SampleCore(Random rng) => Value;
}
