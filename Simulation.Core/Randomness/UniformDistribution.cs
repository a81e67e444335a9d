using System.Globalization;

namespace Simulation.Core.Randomness;

/// <summary>The continuous uniform distribution; made by <see cref="Distribution.Uniform"/>.</summary>
public sealed record UniformDistribution : Distribution
{
    internal UniformDistribution(double min, double max)
    {
        RequireFinite("uniform", nameof(min), min);
        RequireFinite("uniform", nameof(max), max);
        RequireOrdered("uniform", min, max);
        Min = min;
        Max = max;
    }

    /// <summary>The lower bound.</summary>
    public double Min { get; }

    /// <summary>The upper bound.</summary>
    public double Max { get; }

    /// <inheritdoc/>
    public override double Mean => (Min + Max) / 2;

    /// <inheritdoc/>
    /// <remarks>(max - min)^2 / 12.</remarks>
    public override double Variance => (Max - Min) * (Max - Min) / 12;

    /// <summary>The scenario-file form, e.g. <c>{dist: uniform, min: 0, max: 1}</c>.</summary>
    /// <returns>The text, with invariant culture.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{{dist: uniform, min: {Min}, max: {Max}}}");

    private protected override double SampleCore(Random rng) =>
        MathNet.Numerics.Distributions.ContinuousUniform.Sample(rng, Min, Max);
}
